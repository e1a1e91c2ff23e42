package io.fairauction.solvers;

import static io.fairauction.solvers.DevChain.DOLLAR;
import static io.fairauction.solvers.DevChain.ETHER;
import static io.fairauction.solvers.DevChain.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.chain.SettlementOutcome;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.core.result.AuctionResult;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solvers.amm.AmmRouter;
import io.fairauction.solvers.cow.CowBatcher;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** The coincidence-of-wants batcher against the AMM router, through the real mechanism, settled on Anvil. */
@ExtendWith(DevChain.Fresh.class)
class CowBatcherChainTest {

    @Test
    void theBatchedBidOnACowPairPassesTheFairnessFilterAgainstTheRoutersBidsWinsAndSettles(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Credentials bob = dev.trader(1, "USDC", DOLLAR.multiply(BigInteger.valueOf(3000)));
        Credentials carol = dev.trader(2, "WETH", ETHER.divide(BigInteger.TWO));
        Intent aliceSells = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        Intent bobSells = dev.market.intent(bob, Side.SELL, "USDC", "WETH", DOLLAR.multiply(BigInteger.valueOf(3000)),
                ETHER.multiply(BigInteger.valueOf(97)).divide(BigInteger.valueOf(100)), dev.inAnHour());
        Intent carolSells = dev.market.intent(carol, Side.SELL, "WETH", "USDC", ETHER.divide(BigInteger.TWO),
                DOLLAR.multiply(BigInteger.valueOf(1450)), dev.inAnHour());
        List<Intent> intents = List.of(aliceSells, bobSells, carolSells);
        SolveRequest request = dev.request("5", intents);

        List<Bid> amm = Solving.bids(AmmRouter.DEFAULT, "amm", request);
        List<Bid> cow = Solving.bids(CowBatcher.DEFAULT, "cow", request);
        Bid batched = cow.stream().filter(Bid::isBatched).findFirst().orElseThrow();
        List<Bid> all = new ArrayList<>();
        amm.forEach(b -> all.add(new Bid("amm/" + b.id(), "amm", b.trades(), b.interactions())));
        cow.forEach(b -> all.add(new Bid("cow/" + b.id(), "cow", b.trades(), b.interactions())));
        AuctionResult result = Mechanisms.fairCombinatorial().run(new Competition(request.auction(), all), MechanismOptions.DEFAULT);

        assertThat(batched.trades()).extracting(Trade::intent).containsExactlyInAnyOrder(aliceSells.uid(), bobSells.uid(), carolSells.uid());
        assertThat(result.filtered()).doesNotContainKey("cow/" + batched.id());
        assertThat(result.winners()).containsExactly("cow/" + batched.id());
        for (Trade t : batched.trades()) {
            BigInteger router = Solving.byId(amm, "amm-" + t.intent()).trades().get(0).executedBuy();
            assertThat(t.executedBuy()).as("trader of %s vs the router's bid", t.intent()).isGreaterThan(router);
        }

        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode("5", batched, intents, payout()));

        assertThat(outcome.mined()).isTrue();
        assertThat(dev.market.balance("USDC", alice.getAddress())).isEqualTo(award(batched, aliceSells)).isGreaterThanOrEqualTo(aliceSells.buyAmount());
        assertThat(dev.market.balance("WETH", bob.getAddress())).isEqualTo(award(batched, bobSells)).isGreaterThanOrEqualTo(bobSells.buyAmount());
        assertThat(dev.market.balance("USDC", carol.getAddress())).isEqualTo(award(batched, carolSells)).isGreaterThanOrEqualTo(carolSells.buyAmount());
        assertThat(dev.market.balance("USDC", dev.deployment.settlement())).isZero();
        assertThat(dev.market.balance("WETH", dev.deployment.settlement())).isZero();
    }

    @Test
    void exactlyOppositeIntentsMatchWithNoPoolAtThePoolPrice(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Credentials bob = dev.trader(1, "USDC", DOLLAR.multiply(BigInteger.valueOf(3000)));
        Intent aliceSells = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        Intent bobSells = dev.market.intent(bob, Side.SELL, "USDC", "WETH", DOLLAR.multiply(BigInteger.valueOf(3000)),
                ETHER.multiply(BigInteger.valueOf(97)).divide(BigInteger.valueOf(100)), dev.inAnHour());

        Bid batched = Solving.bids(CowBatcher.DEFAULT, "cow", dev.request("6", List.of(aliceSells, bobSells))).stream()
                .filter(Bid::isBatched).findFirst().orElseThrow();

        // The pool holds 1 000 WETH and 3 000 000 USDC: 1 WETH is worth exactly 3 000 USDC, nothing is left over.
        assertThat(batched.interactions()).isEmpty();
        assertThat(award(batched, aliceSells)).isEqualTo(DOLLAR.multiply(BigInteger.valueOf(3000)));
        assertThat(award(batched, bobSells)).isEqualTo(ETHER);
        assertThat(dev.client.submit(dev.encoder.encode("6", batched, List.of(aliceSells, bobSells), payout())).mined()).isTrue();
        assertThat(dev.market.balance("WETH", bob.getAddress())).isEqualTo(ETHER);
    }

    private static BigInteger award(Bid bid, Intent intent) {
        return bid.trades().stream().filter(t -> t.intent().equals(intent.uid())).findFirst().orElseThrow().executedBuy();
    }
}
