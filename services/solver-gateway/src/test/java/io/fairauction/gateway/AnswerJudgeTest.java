package io.fairauction.gateway;

import static io.fairauction.gateway.Fixtures.RELAYER;
import static io.fairauction.gateway.Fixtures.onIntent1;
import static io.fairauction.gateway.Fixtures.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.model.Bid;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.BidRejected;
import io.fairauction.events.Event;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer checks on their own, in their order, without a network. */
class AnswerJudgeTest {
    private static final SolverEndpoint SOLVER = new SolverEndpoint("s1", URI.create("http://127.0.0.1:1"), "key", payout(1));
    private static final GatewayConfig CONFIG = GatewayConfig.of(List.of(SOLVER), RELAYER).withLimits(3, 10_000);
    private static final AuctionOpened AUCTION = Fixtures.opened(7, System.currentTimeMillis() + 60_000);

    private static SolverHttp.Answer signed(byte[] body, String secret, String solver) {
        long ts = System.currentTimeMillis();
        return new SolverHttp.Answer(200, solver, Long.toString(ts), RequestSigning.sign(secret, ts, body), body, false, ts);
    }

    private static List<Event> judge(SolverHttp.Answer answer) {
        return AnswerJudge.judge(AUCTION, SOLVER, answer, AnswerJudge.limits(AUCTION, CONFIG), CONFIG.maxResponseBytes(),
                System.currentTimeMillis());
    }

    private static String code(List<Event> events) {
        assertThat(events).hasSize(1);
        BidRejected r = (BidRejected) events.get(0);
        assertThat(r.solverBidId()).isNull();
        return r.code();
    }

    @Test
    void wholeAnswerFailuresHaveTheirCodes() {
        byte[] good = WireJson.writeResponse(new SolveResponse(List.of(onIntent1("b1", 950))));
        assertThat(code(judge(new SolverHttp.Answer(500, null, null, null, "boom".getBytes(StandardCharsets.UTF_8), false, 1))))
                .isEqualTo("unreachable");
        assertThat(code(judge(new SolverHttp.Answer(200, "s1", "1", "00", good, true, 1)))).isEqualTo("too-large");
        assertThat(code(judge(signed(good, "key", "someone-else")))).isEqualTo("unauthenticated");
        assertThat(code(judge(signed(good, "wrong-key", "s1")))).isEqualTo("unauthenticated");
        assertThat(code(judge(new SolverHttp.Answer(200, "s1", null, null, good, false, 1)))).isEqualTo("unauthenticated");
        // A signature from long ago does not verify (a replayed answer).
        long old = System.currentTimeMillis() - 10 * RequestSigning.MAX_SKEW_MILLIS;
        assertThat(code(judge(new SolverHttp.Answer(200, "s1", Long.toString(old), RequestSigning.sign("key", old, good), good,
                false, 1)))).isEqualTo("unauthenticated");
        assertThat(code(judge(signed("[1,2]".getBytes(StandardCharsets.UTF_8), "key", "s1")))).isEqualTo("malformed");
        assertThat(code(judge(signed("{\"version\": 99, \"bids\": []}".getBytes(StandardCharsets.UTF_8), "key", "s1"))))
                .isEqualTo("malformed");
    }

    @Test
    void acceptedBidsCarryTheAuctionWideIdTheSolverAndItsPayout() {
        List<Event> events = judge(signed(WireJson.writeResponse(new SolveResponse(List.of(onIntent1("b1", 950)))), "key", "s1"));
        assertThat(events).hasSize(1);
        BidAccepted a = (BidAccepted) events.get(0);
        assertThat(a.bid().id()).isEqualTo("s1/b1");
        assertThat(a.bid().solver()).isEqualTo("s1");
        assertThat(a.solverBidId()).isEqualTo("b1");
        assertThat(a.payout()).isEqualTo(payout(1));
        assertThat(a.auctionId()).isEqualTo(7);
    }

    @Test
    void aFloodOfRefusedBidsIsSummedUpInOneRecord() {
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bids.add(onIntent1("b" + i, 950));
        }
        List<Event> events = judge(signed(WireJson.writeResponse(new SolveResponse(bids)), "key", "s1"));
        // 3 accepted (the cap), 3 over-cap refusals one by one, then one record for the other 494.
        assertThat(events.stream().filter(BidAccepted.class::isInstance)).hasSize(3);
        List<BidRejected> refused = events.stream().filter(BidRejected.class::isInstance).map(BidRejected.class::cast).toList();
        assertThat(refused).hasSize(4);
        assertThat(refused).extracting(BidRejected::code).containsOnly("over-cap");
        assertThat(refused.get(3).solverBidId()).isNull();
        assertThat(refused.get(3).detail()).startsWith("494 more bids refused {over-cap=494}");
    }
}
