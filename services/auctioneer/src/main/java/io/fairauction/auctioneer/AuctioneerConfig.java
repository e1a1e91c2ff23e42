package io.fairauction.auctioneer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

/** {@code fair-auction.auctioneer.*}: how rounds run. Defaults suit the devnet. */
@Requires(env = "auctioneer")
@ConfigurationProperties("fair-auction.auctioneer")
public class AuctioneerConfig {
    /** A new round starts this often. */
    private long periodMs = 2000;
    /** Solvers get this long from opening to deadline. */
    private long solveWindowMs = 1000;
    /** After the deadline, how long to wait for the gateway's last records. */
    private long bidGraceMs = 100;
    /** Any of the seven mechanisms by name. */
    private String mechanism = "fair-combinatorial";
    private int maxIntentsPerAuction = 500;
    /** An intent enters an auction only if valid at least this long after the deadline. */
    private long validityMarginSeconds = 5;
    /** Winner determination time limit. */
    private long solveTimeLimitMs = 2000;
    /** The settlement submitter's private key (hex); on a dev chain (id 31337) Anvil's dev account 1 by default. */
    private String submitterKey;
    /** How fast a dead leader is noticed (Kafka consumer session timeout). */
    private int leaderSessionTimeoutMs = 6000;
    /** Names this instance in client ids and logs. */
    private String instanceId = "auctioneer-" + ProcessHandle.current().pid();

    public long getPeriodMs() {
        return periodMs;
    }

    public void setPeriodMs(long periodMs) {
        this.periodMs = periodMs;
    }

    public long getSolveWindowMs() {
        return solveWindowMs;
    }

    public void setSolveWindowMs(long solveWindowMs) {
        this.solveWindowMs = solveWindowMs;
    }

    public long getBidGraceMs() {
        return bidGraceMs;
    }

    public void setBidGraceMs(long bidGraceMs) {
        this.bidGraceMs = bidGraceMs;
    }

    public String getMechanism() {
        return mechanism;
    }

    public void setMechanism(String mechanism) {
        this.mechanism = mechanism;
    }

    public int getMaxIntentsPerAuction() {
        return maxIntentsPerAuction;
    }

    public void setMaxIntentsPerAuction(int maxIntentsPerAuction) {
        this.maxIntentsPerAuction = maxIntentsPerAuction;
    }

    public long getValidityMarginSeconds() {
        return validityMarginSeconds;
    }

    public void setValidityMarginSeconds(long validityMarginSeconds) {
        this.validityMarginSeconds = validityMarginSeconds;
    }

    public long getSolveTimeLimitMs() {
        return solveTimeLimitMs;
    }

    public void setSolveTimeLimitMs(long solveTimeLimitMs) {
        this.solveTimeLimitMs = solveTimeLimitMs;
    }

    public String getSubmitterKey() {
        return submitterKey;
    }

    public void setSubmitterKey(String submitterKey) {
        this.submitterKey = submitterKey;
    }

    public int getLeaderSessionTimeoutMs() {
        return leaderSessionTimeoutMs;
    }

    public void setLeaderSessionTimeoutMs(int leaderSessionTimeoutMs) {
        this.leaderSessionTimeoutMs = leaderSessionTimeoutMs;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }
}
