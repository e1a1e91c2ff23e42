package io.fairauction.sdk;

import static io.fairauction.sdk.TestAuctions.DOLLAR;
import static io.fairauction.sdk.TestAuctions.ETHER;
import static io.fairauction.sdk.TestAuctions.aliceSells;
import static io.fairauction.sdk.TestAuctions.bobSells;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.fairauction.core.json.AuctionJson;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Trade;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays a solver on a recorded auction through the real mechanism and explains each bid's fate. */
class ReplayTest {
    private static BigInteger dollars(long n) {
        return DOLLAR.multiply(BigInteger.valueOf(n));
    }

    /** The recording: rival s2 bids 2 960 USDC for Alice's WETH and nothing for Bob. */
    private static RecordedAuction recording() {
        Bid rival = new Bid("s2-alice", "s2", List.of(new Trade("0x01", ETHER, dollars(2960))));
        return new RecordedAuction(TestAuctions.request(System.currentTimeMillis() + 60_000), List.of(rival));
    }

    private static final Solver MINE = ctx -> {
        ctx.offer(Bids.bid("alice").fill(aliceSells(), dollars(2950)).build());
        ctx.offer(Bids.bid("bob").fill(bobSells(), ETHER).build());
        ctx.offer(Bids.bid("both").fill(aliceSells(), dollars(2955)).fill(bobSells(), ETHER.add(BigInteger.TEN)).build());
        ctx.offer(Bids.bid("bad").fill(aliceSells(), dollars(2000)).build());
    };

    @Test
    void eachBidIsToldWhetherItWinsAndIfNotWhy() {
        Replay.Report report = Replay.run(MINE, "me", recording(), "fair-combinatorial", MechanismOptions.DEFAULT,
                Duration.ofSeconds(5), LocalValidation.defaults());

        assertThat(report.verdicts()).extracting(v -> v.bid().id(), Replay.Verdict::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", Replay.Status.OUTBID),
                org.assertj.core.groups.Tuple.tuple("bob", Replay.Status.WON),
                org.assertj.core.groups.Tuple.tuple("both", Replay.Status.FILTERED),
                org.assertj.core.groups.Tuple.tuple("bad", Replay.Status.REJECTED));
        Replay.Verdict alice = report.verdicts().get(0);
        assertThat(alice.explanation()).contains("outbid by s2-alice").contains("gets 2960000000 from s2-alice (s2) vs 2950000000");
        Replay.Verdict both = report.verdicts().get(2);
        assertThat(both.explanation()).startsWith("unfair on intent 0x01: reference 2960000000 set by s2");
        assertThat(report.verdicts().get(3).explanation()).startsWith("screened: limit-violated");
        assertThat(report.result().winners()).containsExactlyInAnyOrder("s2-alice", "me/bob");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("auction 7 under fair-combinatorial").contains("outbid").contains("won");
    }

    @Test
    void theOutbidMarginIsTheScoreDifference() {
        Replay.Report report = Replay.judge(recording(), "me", List.of(Bids.bid("alice").fill(aliceSells(), dollars(2950)).build()),
                "fair-combinatorial", MechanismOptions.DEFAULT);

        BigInteger theirs = report.result().scores().get("s2-alice");
        BigInteger mine = report.result().scores().get("me/alice");
        assertThat(report.verdicts().get(0).explanation()).contains("by " + theirs.subtract(mine) + " wei");
        // 10 USDC of surplus at the USDC native price (wei per 10^18 base units), independently.
        assertThat(theirs.subtract(mine)).isEqualTo(dollars(10).multiply(new BigInteger("333333333333333333333333333")).divide(ETHER));
    }

    @Test
    void aRecordingIsReadFromAnAuctionFileOrAnEventShapedRecord(@TempDir Path dir) throws Exception {
        Competition c = new Competition(TestAuctions.auction(), recording().otherBids());
        Path file = dir.resolve("auction.json");
        Files.writeString(file, AuctionJson.write(c, true));

        RecordedAuction fromFile = RecordedAuction.read(file);

        assertThat(fromFile.request().auction().intents()).hasSize(2);
        assertThat(fromFile.otherBids()).extracting(Bid::id).containsExactly("s2-alice");

        ObjectMapper json = new ObjectMapper();
        ObjectNode record = json.createObjectNode();
        ObjectNode auction = AuctionJson.toTree(new Competition(TestAuctions.auction(), List.of()));
        auction.withArray("intents").forEach(i -> ((ObjectNode) i).put("side", "SELL"));
        record.set("auction", auction);
        record.set("liquidity", json.readTree(io.fairauction.solverapi.WireJson.writeRequest(TestAuctions.request(0))).get("liquidity"));
        record.putArray("winners").addObject().set("bid", AuctionJson.toTree(c).withArray("bids").get(0));

        RecordedAuction fromRecord = RecordedAuction.parse(record);

        assertThat(fromRecord.request().liquidity()).containsExactly(TestAuctions.pool());
        assertThat(fromRecord.otherBids()).extracting(Bid::solver).containsExactly("s2");
    }

    @Test
    void aPastAuctionIsFetchedFromTheCollector() throws Exception {
        byte[] body = AuctionJson.write(new Competition(TestAuctions.auction(), recording().otherBids()), false)
                .getBytes(StandardCharsets.UTF_8);
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/api/v1/auctions/7", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        collector.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + collector.getAddress().getPort());
            RecordedAuction fetched = RecordedAuction.fetch(url, "7");
            assertThat(fetched.request().auction().id()).isEqualTo("7");
            assertThat(Replay.run(MINE, "me", fetched, "fair-combinatorial").verdicts()).hasSize(4);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordedAuction.fetch(url, "8"))
                    .hasMessageContaining("answered 404");
        } finally {
            collector.stop(0);
        }
    }
}
