package io.fairauction.sdk;

import static io.fairauction.sdk.TestAuctions.DOLLAR;
import static io.fairauction.sdk.TestAuctions.SECRET;
import static io.fairauction.sdk.TestAuctions.SOLVER;
import static io.fairauction.sdk.TestAuctions.aliceSells;
import static io.fairauction.sdk.TestAuctions.post;
import static io.fairauction.sdk.TestAuctions.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Trade;
import io.fairauction.solverapi.BidChecks;
import io.fairauction.solverapi.BidRejection;
import io.fairauction.solverapi.Notification;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireJson;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SolverServerTest {
    private final List<SolverServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(SolverServer::close);
    }

    private SolverServer serve(SolverServer.Builder builder) {
        SolverServer s = builder.start(0);
        servers.add(s);
        return s;
    }

    private static Bid aliceGets(long dollars) {
        return Bids.bid("alice").fill(aliceSells(), DOLLAR.multiply(BigInteger.valueOf(dollars))).build();
    }

    private static byte[] solveBody(long deadlineFromNowMillis) {
        return WireJson.writeRequest(request(System.currentTimeMillis() + deadlineFromNowMillis));
    }

    @Test
    void aSignedRequestGetsASignedAnswerWithTheOfferedBids() throws Exception {
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> ctx.offer(aliceGets(2950))));

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET, solveBody(5000));

        assertThat(r.statusCode()).isEqualTo(200);
        String ts = r.headers().firstValue(RequestSigning.TIMESTAMP_HEADER).orElseThrow();
        String sig = r.headers().firstValue(RequestSigning.SIGNATURE_HEADER).orElseThrow();
        assertThat(r.headers().firstValue(RequestSigning.SOLVER_HEADER)).contains(SOLVER);
        assertThat(RequestSigning.verify(SECRET, ts, sig, r.body(), System.currentTimeMillis())).isTrue();
        SolveResponse answer = WireJson.readResponse(r.body(), TestAuctions.auction(), SOLVER);
        assertThat(answer.bids()).extracting(Bid::id).containsExactly("alice");
        assertThat(answer.bids().get(0).trades()).containsExactly(
                new Trade("0x01", TestAuctions.ETHER, DOLLAR.multiply(BigInteger.valueOf(2950))));
        assertThat(server.stats().solveRequests()).isEqualTo(1);
    }

    @Test
    void aForgedRequestIsRefused401() throws Exception {
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> ctx.offer(aliceGets(2950))));
        byte[] body = solveBody(5000);

        HttpResponse<byte[]> wrongSecret = post(server.endpoint() + "/solve", SOLVER, "guess", body);
        HttpResponse<byte[]> otherSolver = post(server.endpoint() + "/solve", "solver-2", SECRET, body);
        HttpResponse<byte[]> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.endpoint() + "/solve")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        for (HttpResponse<byte[]> r : List.of(wrongSecret, otherSolver, unsigned)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(new ObjectMapper().readTree(r.body()).path("code").asText()).isEqualTo("unauthenticated");
            assertThat(r.headers().firstValue(RequestSigning.SIGNATURE_HEADER)).isEmpty();
        }
        assertThat(server.stats().unauthenticated()).isEqualTo(3);
        assertThat(server.stats().solveRequests()).isZero();
    }

    @Test
    void aReplayedRequestIsRefused401() throws Exception {
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> { }));
        byte[] body = solveBody(5000);
        long now = System.currentTimeMillis();
        HttpRequest signed = HttpRequest.newBuilder(URI.create(server.endpoint() + "/solve"))
                .header(RequestSigning.SOLVER_HEADER, SOLVER)
                .header(RequestSigning.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(SECRET, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient http = HttpClient.newHttpClient();

        assertThat(http.send(signed, HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
        HttpResponse<String> again = http.send(signed, HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("replayed");
    }

    @Test
    void anOverSizeBodyIsRefused413() throws Exception {
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> { }).maxRequestBytes(1000));
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) ' ');

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET, big);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(new ObjectMapper().readTree(r.body()).path("code").asText()).isEqualTo("too-large");
        assertThat(server.stats().tooLarge()).isEqualTo(1);
    }

    @Test
    void aMalformedRequestIsRefused400NamingTheField() throws Exception {
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> { }));
        byte[] body = "{\"version\":1,\"auction\":{\"id\":\"1\",\"tokens\":{},\"intents\":[]},\"settlement\":\"0x00\",\"chainId\":1}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET, body);

        assertThat(r.statusCode()).isEqualTo(400);
        var json = new ObjectMapper().readTree(r.body());
        assertThat(json.path("code").asText()).isEqualTo("malformed");
        assertThat(json.path("field").asText()).isEqualTo("deadline");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> { }));
        HttpClient http = HttpClient.newHttpClient();

        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/other")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/solve")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
    }

    @Test
    void aSlowSolversBestOfferedBidIsAnsweredBeforeTheDeadline() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Solver slow = ctx -> {
            ctx.offer(aliceGets(2910));
            ctx.offer(aliceGets(2940)); // the same id: the improvement replaces the first offer
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        };
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, slow).safetyMargin(Duration.ofMillis(500)));
        long deadline = System.currentTimeMillis() + 1500;

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET,
                WireJson.writeRequest(request(deadline)));
        long answered = System.currentTimeMillis();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(answered).as("answered before the deadline").isLessThan(deadline);
        SolveResponse answer = WireJson.readResponse(r.body(), TestAuctions.auction(), SOLVER);
        assertThat(answer.bids()).hasSize(1);
        assertThat(answer.bids().get(0).trades().get(0).executedBuy()).isEqualTo(DOLLAR.multiply(BigInteger.valueOf(2940)));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the solver is interrupted at the cut").isTrue();
        assertThat(server.stats().cutAtDeadline()).isEqualTo(1);
    }

    @Test
    void aRequestArrivingPastItsDeadlineIsAnsweredAtOnceWithNoBidsAndTheSolverNeverRuns() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> ran.countDown()));

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET, solveBody(-1000));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(WireJson.readResponse(r.body(), TestAuctions.auction(), SOLVER).bids()).isEmpty();
        assertThat(ran.getCount()).isEqualTo(1);
        assertThat(server.stats().cutAtDeadline()).isEqualTo(1);
    }

    @Test
    void endpointsLiveUnderTheBasePath() throws Exception {
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> ctx.offer(aliceGets(2950))).basePath("/solvers/one"));

        assertThat(server.endpoint()).endsWith("/solvers/one");
        assertThat(post(server.endpoint() + "/solve", SOLVER, SECRET, solveBody(5000)).statusCode()).isEqualTo(200);
        assertThat(post(server.endpoint().replace("/solvers/one", "") + "/solve", SOLVER, SECRET, solveBody(5000)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aSolverThatThrowsStillGetsAValidAnswerWithWhatItOffered() throws Exception {
        Solver failing = ctx -> {
            ctx.offer(aliceGets(2920));
            throw new IllegalStateException("boom");
        };
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, failing));

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET, solveBody(5000));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(WireJson.readResponse(r.body(), TestAuctions.auction(), SOLVER).bids()).extracting(Bid::id)
                .containsExactly("alice");
        assertThat(server.stats().solverErrors()).isEqualTo(1);
    }

    @Test
    void bidsTheGatewayWouldRefuseAreNotSentAndReportedWithItsCodes() throws Exception {
        List<BidChecks.Rejection> reported = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch told = new CountDownLatch(1);
        Solver sloppy = ctx -> {
            ctx.offer(aliceGets(2950));
            ctx.offer(Bids.bid("under-limit").fill(aliceSells(), DOLLAR.multiply(BigInteger.valueOf(2800))).build());
            ctx.offer(Bids.bid("ghost").trade(new Trade("0x99", BigInteger.ONE, BigInteger.ONE)).build());
            ctx.offer(Bids.bid("thief").fill(aliceSells(), DOLLAR.multiply(BigInteger.valueOf(2950)))
                    .interaction(Erc20.transfer(TestAuctions.SETTLEMENT, TestAuctions.SETTLEMENT, BigInteger.ONE)).build());
        };
        NotificationListener listener = new NotificationListener() {
            @Override
            public void onLocallyRejected(String auctionId, List<BidChecks.Rejection> rejections) {
                reported.addAll(rejections);
                told.countDown();
            }
        };
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, sloppy).listener(listener));

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET, solveBody(5000));

        assertThat(WireJson.readResponse(r.body(), TestAuctions.auction(), SOLVER).bids()).extracting(Bid::id)
                .containsExactly("alice");
        assertThat(told.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reported).extracting(BidChecks.Rejection::bidId, BidChecks.Rejection::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("under-limit", BidRejection.SCREENED),
                org.assertj.core.groups.Tuple.tuple("ghost", BidRejection.UNKNOWN_INTENT),
                org.assertj.core.groups.Tuple.tuple("thief", BidRejection.BAD_INTERACTION));
        assertThat(reported.stream().filter(x -> x.bidId().equals("under-limit")).findFirst().orElseThrow().detail())
                .startsWith("limit-violated");
    }

    @Test
    void theBestBidsAreKeptUnderTheCap() throws Exception {
        Solver many = ctx -> {
            for (int k = 0; k < 5; k++) {
                ctx.offer(Bids.bid("b" + k).fill(aliceSells(), DOLLAR.multiply(BigInteger.valueOf(2901 + 10L * k))).build());
            }
        };
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, many).validation(new LocalValidation(2, java.util.Set.of())));

        HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET, solveBody(5000));

        assertThat(WireJson.readResponse(r.body(), TestAuctions.auction(), SOLVER).bids()).extracting(Bid::id)
                .containsExactly("b4", "b3");
    }

    @Test
    void notificationsAreDispatchedToTheTypedCallbacks() throws Exception {
        List<BidEvent> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(6);
        NotificationListener listener = new NotificationListener() {
            private void got(BidEvent e) {
                events.add(e);
                all.countDown();
            }

            @Override public void onRejected(BidEvent.Rejected e) { got(e); }
            @Override public void onFiltered(BidEvent.Filtered e) { got(e); }
            @Override public void onLost(BidEvent.Lost e) { got(e); }
            @Override public void onWon(BidEvent.Won e) { got(e); }
            @Override public void onSettled(BidEvent.Settled e) { got(e); }
            @Override public void onReverted(BidEvent.Reverted e) { got(e); }
        };
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> { }).listener(listener));
        String tx = "0x" + "ab".repeat(32);
        List<Notification> sent = List.of(
                new Notification("7", Optional.empty(), Notification.Kind.REJECTED, "late", "answered after the deadline", Optional.empty()),
                new Notification("7", Optional.of("b1"), Notification.Kind.FILTERED, "unfair", "2950 < reference 2960 (solver s2)", Optional.empty()),
                new Notification("7", Optional.of("b2"), Notification.Kind.LOST, "lost", "outbid", Optional.empty()),
                new Notification("7", Optional.of("b3"), Notification.Kind.WON, "won", "score 12", Optional.empty()),
                new Notification("7", Optional.of("b3"), Notification.Kind.SETTLED, "settled", "mined", Optional.of(tx)),
                new Notification("8", Optional.of("b9"), Notification.Kind.REVERTED, "InteractionFailed", "interaction 1 failed", Optional.empty()));

        for (Notification n : sent) {
            assertThat(post(server.endpoint() + "/notify", SOLVER, SECRET, WireJson.writeNotification(n)).statusCode())
                    .isEqualTo(204);
        }

        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(events.get(0)).isInstanceOfSatisfying(BidEvent.Rejected.class, e -> {
            assertThat(e.rejection()).contains(BidRejection.LATE);
            assertThat(e.bidId()).isEmpty();
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(BidEvent.Filtered.class, e -> {
            assertThat(e.filterCode()).contains(io.fairauction.core.result.FilterCode.UNFAIR);
            assertThat(e.bidId()).contains("b1");
        });
        assertThat(events.get(2)).isInstanceOf(BidEvent.Lost.class);
        assertThat(events.get(3)).isInstanceOfSatisfying(BidEvent.Won.class, e -> assertThat(e.bidId()).contains("b3"));
        assertThat(events.get(4)).isInstanceOfSatisfying(BidEvent.Settled.class, e -> assertThat(e.txHash()).isEqualTo(tx));
        assertThat(events.get(5)).isInstanceOfSatisfying(BidEvent.Reverted.class, e -> {
            assertThat(e.reason()).isEqualTo("InteractionFailed");
            assertThat(e.txHash()).isEmpty();
        });
    }

    @Test
    void aForgedNotificationIsRefusedAndNotDispatched() throws Exception {
        List<BidEvent> events = Collections.synchronizedList(new ArrayList<>());
        NotificationListener listener = new NotificationListener() {
            @Override
            public void onWon(BidEvent.Won e) {
                events.add(e);
            }
        };
        SolverServer server = serve(SolverServer.builder(SOLVER, SECRET, ctx -> { }).listener(listener));
        byte[] body = WireJson.writeNotification(new Notification("7", Optional.of("b3"), Notification.Kind.WON, "won", "", Optional.empty()));

        assertThat(post(server.endpoint() + "/notify", SOLVER, "wrong", body).statusCode()).isEqualTo(401);
        server.close();
        assertThat(events).isEmpty();
    }
}
