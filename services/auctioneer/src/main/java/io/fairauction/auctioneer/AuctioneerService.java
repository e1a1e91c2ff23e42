package io.fairauction.auctioneer;

import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.DevAccounts;
import io.fairauction.core.mechanism.Mechanism;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Duration;
import org.web3j.crypto.Credentials;

/** Wires the auctioneer: configuration, chain, mechanism, and the Kafka runtime; started with the application. */
@Context
@Requires(env = "auctioneer")
public class AuctioneerService implements AutoCloseable {
    private final Chain chain;
    private final AuctioneerRuntime runtime;

    public AuctioneerService(AuctioneerConfig config, MeterRegistry metrics,
                             @Value("${fair-auction.kafka.bootstrap-servers}") String bootstrapServers,
                             @Value("${fair-auction.chain.rpc-url}") String rpcUrl,
                             @Value("${fair-auction.chain.deployment-file}") String deploymentFile) {
        Mechanism mechanism = Mechanisms.byName(config.getMechanism()).orElseThrow(() -> new ConfigurationException(
                "fair-auction.auctioneer.mechanism: no mechanism " + config.getMechanism() + "; one of "
                        + Mechanisms.all().stream().map(Mechanism::name).toList()));
        Deployment deployment = Deployment.read(Path.of(deploymentFile));
        this.chain = Chain.connect(rpcUrl);
        if (chain.chainId() != deployment.chainId()) {
            throw new ConfigurationException("the chain at " + rpcUrl + " has id " + chain.chainId()
                    + " but the deployment is for chain " + deployment.chainId());
        }
        Credentials submitter = submitter(config, chain.chainId());
        ChainMarket market = new ChainMarket(chain, deployment, submitter);
        Rounds rounds = new Rounds(new Rounds.Settings(config.getSolveWindowMs(), config.getValidityMarginSeconds(),
                config.getMaxIntentsPerAuction()), mechanism,
                MechanismOptions.DEFAULT.withTimeLimit(Duration.ofMillis(config.getSolveTimeLimitMs())), market);
        this.runtime = new AuctioneerRuntime(new AuctioneerRuntime.Options(bootstrapServers, config.getInstanceId(),
                config.getPeriodMs(), config.getBidGraceMs(), config.getLeaderSessionTimeoutMs()), rounds, market, metrics);
        metrics.gauge("auctioneer.leading", runtime, r -> r.isLeading() ? 1 : 0);
        runtime.start();
    }

    private static Credentials submitter(AuctioneerConfig config, long chainId) {
        if (config.getSubmitterKey() != null && !config.getSubmitterKey().isBlank()) {
            return Credentials.create(config.getSubmitterKey().trim());
        }
        if (chainId == 31337) {
            return DevAccounts.account(DevAccounts.SUBMITTER);
        }
        throw new ConfigurationException("fair-auction.auctioneer.submitter-key is required off the dev chain");
    }

    public AuctioneerRuntime runtime() {
        return runtime;
    }

    @PreDestroy
    @Override
    public void close() {
        runtime.close();
        chain.close();
    }
}
