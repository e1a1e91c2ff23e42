package io.fairauction.solvers;

import static io.fairauction.solvers.DevChain.DOLLAR;
import static io.fairauction.solvers.DevChain.ETHER;
import static io.fairauction.solvers.DevChain.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.chain.SettlementOutcome;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.sdk.AuctionView;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solvers.amm.AmmRouter;
import io.fairauction.solvers.parametric.ParametricSolver;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** The parametric solver's bids: the model's amounts, capped by what their execution pays, settled on Anvil. */
@ExtendWith(DevChain.Fresh.class)
class ParametricSolverChainTest {

    @Test
    void individualBidsPassOnTheSpecialisationShareOfWhatThePoolPaysAndSettle(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Intent sell = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        SolveRequest request = dev.request("7", List.of(sell));
        ParametricSolver strongOnWethUsdc = new ParametricSolver(Map.of("USDC/WETH", 999_000L), 990_000, 1_010_000,
                ParametricSolver.Mode.EXECUTABLE, 10);

        Bid bid = Solving.bids(strongOnWethUsdc, "param", request).get(0);
        BigInteger routed = Solving.bids(AmmRouter.DEFAULT, "amm", request).get(0).trades().get(0).executedBuy();

        assertThat(bid.trades().get(0).executedBuy()).isEqualTo(routed.multiply(BigInteger.valueOf(999_000)).divide(BigInteger.valueOf(1_000_000)));
        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode("7", bid, List.of(sell), payout()));
        assertThat(outcome.mined()).isTrue();
        assertThat(dev.market.balance("USDC", alice.getAddress())).isEqualTo(bid.trades().get(0).executedBuy())
                .isGreaterThanOrEqualTo(sell.buyAmount());
        assertThat(dev.market.balance("USDC", payout())).as("the solver keeps the rest").isEqualTo(routed.subtract(bid.trades().get(0).executedBuy()));
    }

    @Test
    void theBatchedBidGivesGTimesTheIndividualBidCappedByItsExecutionAndSettles(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Credentials bob = dev.trader(1, "USDC", DOLLAR.multiply(BigInteger.valueOf(3000)));
        Intent aliceSells = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        Intent bobSells = dev.market.intent(bob, Side.SELL, "USDC", "WETH", DOLLAR.multiply(BigInteger.valueOf(3000)),
                ETHER.multiply(BigInteger.valueOf(97)).divide(BigInteger.valueOf(100)), dev.inAnHour());
        List<Intent> intents = List.of(aliceSells, bobSells);
        SolveRequest request = dev.request("8", intents);

        ParametricSolver smallG = new ParametricSolver(Map.of(), 998_000, 1_001_000, ParametricSolver.Mode.EXECUTABLE, 10);
        List<Bid> bids = Solving.bids(smallG, "param", request);
        Bid batched = bids.stream().filter(Bid::isBatched).findFirst().orElseThrow();
        for (Trade t : batched.trades()) {
            BigInteger individual = Solving.byId(bids, "p-" + t.intent()).trades().get(0).executedBuy();
            // g = 1.001 times the individual bid is less than the direct match pays: g binds.
            assertThat(t.executedBuy()).isEqualTo(individual.multiply(BigInteger.valueOf(1_001_000)).divide(BigInteger.valueOf(1_000_000)));
        }
        // g = 1.01 would promise more than matching at the pool price (1 WETH = 3 000 USDC) pays: execution binds.
        Bid capped = Solving.bids(ParametricSolver.DEFAULT, "param", request).stream().filter(Bid::isBatched).findFirst().orElseThrow();
        assertThat(capped.trades()).containsExactlyInAnyOrder(
                new Trade(aliceSells.uid(), ETHER, DOLLAR.multiply(BigInteger.valueOf(3000))),
                new Trade(bobSells.uid(), DOLLAR.multiply(BigInteger.valueOf(3000)), ETHER));

        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode("8", batched, intents, payout()));
        assertThat(outcome.mined()).isTrue();
        assertThat(dev.market.balance("WETH", dev.deployment.settlement())).isZero();
        assertThat(dev.market.balance("USDC", dev.deployment.settlement())).isZero();
    }

    @Test
    void simulationModeBidsTheModelsAmountsWithoutInteractions(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Intent sell = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        SolveRequest request = dev.request("9", List.of(sell));
        ParametricSolver specialist = new ParametricSolver(Map.of("USDC/WETH", 1_003_000L), 997_000, 1_020_000,
                ParametricSolver.Mode.SIMULATION, 0);

        Bid bid = Solving.bids(specialist, "param", request).get(0);

        assertThat(ParametricSolver.tradeType(new AuctionView(request), sell)).isEqualTo("USDC/WETH");
        assertThat(bid.interactions()).isEmpty();
        BigInteger routed = Solving.bids(new AmmRouter(0, false), "amm", request).get(0).trades().get(0).executedBuy();
        assertThat(bid.trades().get(0).executedBuy()).isGreaterThan(routed);
    }
}
