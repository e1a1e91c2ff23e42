package io.fairauction.solvers;

import static io.fairauction.solvers.DevChain.DOLLAR;
import static io.fairauction.solvers.DevChain.ETHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.sdk.Solver;
import io.fairauction.sdk.SolverServer;
import io.fairauction.solvers.amm.AmmRouter;
import io.fairauction.solvers.parametric.ParametricSolver;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solverapi.WireJson;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** Every example solver started in process by name answers a signed request with signed, valid bids. */
@ExtendWith(DevChain.Fresh.class)
class ExampleSolversTest {

    @Test
    void eachExampleSolverStartedByNameAnswersASignedRequest(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Credentials bob = dev.trader(1, "USDC", DOLLAR.multiply(BigInteger.valueOf(3000)));
        Intent aliceSells = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        Intent bobSells = dev.market.intent(bob, Side.SELL, "USDC", "WETH", DOLLAR.multiply(BigInteger.valueOf(3000)),
                ETHER.multiply(BigInteger.valueOf(97)).divide(BigInteger.valueOf(100)), dev.inAnHour());
        SolveRequest request = dev.request("11", List.of(aliceSells, bobSells));
        byte[] body = WireJson.writeRequest(request);

        for (String name : ExampleSolvers.NAMES) {
            try (SolverServer server = ExampleSolvers.create(name, name + "-1", "secret-" + name, 0)) {
                long now = System.currentTimeMillis();
                HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/solve"))
                        .header(RequestSigning.SOLVER_HEADER, name + "-1")
                        .header(RequestSigning.TIMESTAMP_HEADER, Long.toString(now))
                        .header(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign("secret-" + name, now, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

                assertThat(r.statusCode()).as(name).isEqualTo(200);
                assertThat(RequestSigning.verify("secret-" + name, r.headers().firstValue(RequestSigning.TIMESTAMP_HEADER).orElseThrow(),
                        r.headers().firstValue(RequestSigning.SIGNATURE_HEADER).orElseThrow(), r.body(), System.currentTimeMillis())).isTrue();
                List<Bid> bids = WireJson.readResponse(r.body(), request.auction(), name + "-1").bids();
                assertThat(bids).as(name).hasSizeGreaterThanOrEqualTo(2);
                if (!name.equals("amm-router")) {
                    assertThat(bids).as(name + " batches the opposite intents").anyMatch(Bid::isBatched);
                }
            }
        }
    }

    @Test
    void theParametricSolversParametersComeFromOptions() {
        Solver s = ExampleSolvers.solver("parametric", Map.of("g-ppm", "1020000", "mode", "simulation",
                "beta.USDC/WETH", "1003000", "beta-ppm", "997000", "slippage-bps", "0"));

        assertThat(s).isEqualTo(new ParametricSolver(Map.of("USDC/WETH", 1_003_000L), 997_000, 1_020_000,
                ParametricSolver.Mode.SIMULATION, 0));
        assertThat(ExampleSolvers.solver("amm-router", Map.of("slippage-bps", "25"))).isEqualTo(new AmmRouter(25, false));
        assertThatThrownBy(() -> ExampleSolvers.solver("parametric", Map.of("g-ppm", "999999")))
                .hasMessageContaining("at least 1");
    }

    @Test
    void anUnknownNameIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> ExampleSolvers.solver("oracle")).hasMessageContaining("amm-router, cow-batcher, parametric");
    }
}
