package io.fairauction.sdk;

import static io.fairauction.sdk.TestAuctions.SECRET;
import static io.fairauction.sdk.TestAuctions.SOLVER;
import static io.fairauction.sdk.TestAuctions.aliceSells;
import static io.fairauction.sdk.TestAuctions.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.solver.FirstSolver;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Trade;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireJson;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/solver-guide.md's solver is this test tree's FirstSolver, verbatim, and it works as printed. */
class GuideTest {
    private static final Path GUIDE = Path.of("..", "docs", "solver-guide.md");
    private static final Path CODE = Path.of("src", "test", "java", "com", "example", "solver", "FirstSolver.java");

    @Test
    void theGuideShowsTheTestedSolverVerbatim() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        String code = Files.readString(CODE, StandardCharsets.UTF_8);

        assertThat(guide).contains("```java\n" + code + "```\n");
    }

    @Test
    void theGuidesSolverAnswersASignedRequestWithBidsWithinTheLimits() throws Exception {
        try (SolverServer server = SolverServer.builder(SOLVER, SECRET, new FirstSolver()).start(0)) {
            HttpResponse<byte[]> r = post(server.endpoint() + "/solve", SOLVER, SECRET,
                    WireJson.writeRequest(TestAuctions.request(System.currentTimeMillis() + 5000)));

            assertThat(r.statusCode()).isEqualTo(200);
            SolveResponse answer = WireJson.readResponse(r.body(), TestAuctions.auction(), SOLVER);
            assertThat(answer.bids()).extracting(Bid::id).containsExactlyInAnyOrder("first-0x01", "first-0x02");
            Bid alice = answer.bids().stream().filter(b -> b.id().equals("first-0x01")).findFirst().orElseThrow();
            BigInteger poolPays = ConstantProduct.amountOut(TestAuctions.ETHER, TestAuctions.pool().reserve0(),
                    TestAuctions.pool().reserve1(), 30);
            assertThat(alice.trades()).containsExactly(new Trade("0x01", TestAuctions.ETHER,
                    poolPays.multiply(BigInteger.valueOf(9995)).divide(BigInteger.valueOf(10_000))));
            assertThat(alice.trades().get(0).executedBuy()).isGreaterThanOrEqualTo(aliceSells().buyAmount());
            assertThat(alice.interactions()).hasSize(2);
        }
    }

    @Test
    void theGuidesSolverReplaysOnARecordedAuction() {
        Replay.Report report = Replay.run(new FirstSolver(), "first",
                new RecordedAuction(TestAuctions.request(System.currentTimeMillis() + 60_000), List.of()), "fair-combinatorial");

        assertThat(report.verdicts()).extracting(Replay.Verdict::status).containsOnly(Replay.Status.WON);
    }
}
