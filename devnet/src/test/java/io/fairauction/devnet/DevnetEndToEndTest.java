package io.fairauction.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairauction.chain.Deployment;
import io.fairauction.core.model.Intent;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.IntentStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system for a bounded number of auctions, then checked from the chain and the topics alone: every
 * accepted intent ended (settled, expired or cancelled), none twice, each trader's balances moved by exactly what the
 * auctions awarded and never below the signed limit, every settled batched bid passed the fairness filter (re-checked
 * independently), and the settlement contract holds nothing.
 */
class DevnetEndToEndTest {

    @Test
    void aBoundedDevnetRunSettlesFairlyLosesNothingAndBalancesMatchTheAwards(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Devnet.Options options = new Devnet.Options(6, Duration.ZERO, 3, 1500, "fair-combinatorial",
                List.of("amm-router", "cow-batcher", "parametric"), Map.of(), 0, Optional.empty(), Optional.empty(),
                Optional.of(dir.resolve("summary.json")), dir.resolve("state"), 8, 7);
        try (Devnet devnet = new Devnet(options, out)) {
            Summary summary = devnet.run();
            System.out.println(printed.toString(StandardCharsets.UTF_8));
            assertThat(summary.lost()).as("lost intents").isZero();
            assertThat(summary.settledTwice()).as("intents settled twice").isZero();
            assertThat(summary.fairnessViolations()).as("fairness violations").isZero();
            assertThat(summary.settled()).as("settled intents").isPositive();
            assertThat(summary.accepted()).isEqualTo(summary.settled() + summary.expired() + summary.cancelled());
            assertThat(dir.resolve("summary.json")).content().contains("\"settledTwice\" : 0", "\"latencyMillis\"");

            Deployment d = devnet.deployment();
            Watcher w = devnet.watcher();
            Traders traders = devnet.traders();
            // On chain: one Trade event per settled intent, none for the others.
            Map<String, Integer> trades = ChainAudit.tradeEvents(devnet.chain(), d);
            Map<String, Map<String, BigInteger>> expectedDelta = new HashMap<>();
            for (Map.Entry<String, Traders.Submitted> e : traders.accepted.entrySet()) {
                IntentStatus s = w.status.get(e.getKey());
                Intent intent = e.getValue().intent();
                if (s.state() != IntentStatus.State.SETTLED) {
                    assertThat(trades.getOrDefault(e.getKey(), 0)).as("trades of unsettled %s", e.getKey()).isZero();
                    continue;
                }
                assertThat(trades.get(e.getKey())).as("trades of %s", e.getKey()).isEqualTo(1);
                IntentStatus.Step settled = s.last();
                // What the auction awarded this intent, from the published result.
                AuctionClosed closed = w.closed.get(settled.auctionId());
                JsonNode outcome = closed.result().path("outcome").path(intent.uid());
                assertThat(settled.executedBuy()).isEqualTo(new BigInteger(outcome.path("amount").asText()));
                assertThat(settled.executedSell()).isEqualTo(intent.sellAmount());
                assertThat(settled.executedBuy()).isGreaterThanOrEqualTo(intent.buyAmount());
                String owner = intent.owner().toLowerCase(Locale.ROOT);
                expectedDelta.computeIfAbsent(owner, k -> new HashMap<>())
                        .merge(intent.buyToken().toLowerCase(Locale.ROOT), settled.executedBuy(), BigInteger::add);
                expectedDelta.get(owner).merge(intent.sellToken().toLowerCase(Locale.ROOT), settled.executedSell().negate(), BigInteger::add);
            }
            // Each trader's balance = what it was funded with + what its settled intents moved; nothing else moved it.
            var market = new io.fairauction.chain.DevMarket(devnet.chain(), d, io.fairauction.chain.DevAccounts.account(0));
            for (var account : traders.accounts()) {
                for (Deployment.TokenInfo token : d.tokens()) {
                    BigInteger funded = Traders.funding(token.symbol());
                    BigInteger delta = expectedDelta.getOrDefault(account.getAddress().toLowerCase(Locale.ROOT), Map.of())
                            .getOrDefault(token.address().toLowerCase(Locale.ROOT), BigInteger.ZERO);
                    assertThat(market.balanceOf(token.address(), account.getAddress()))
                            .as("%s balance of %s", token.symbol(), account.getAddress()).isEqualTo(funded.add(delta));
                }
            }
            for (Deployment.TokenInfo token : d.tokens()) {
                assertThat(market.balanceOf(token.address(), d.settlement())).as("settlement's %s", token.symbol()).isZero();
            }
        }
    }
}
