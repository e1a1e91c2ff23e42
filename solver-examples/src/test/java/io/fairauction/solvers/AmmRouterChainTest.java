package io.fairauction.solvers;

import static io.fairauction.solvers.DevChain.DOLLAR;
import static io.fairauction.solvers.DevChain.ETHER;
import static io.fairauction.solvers.DevChain.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.chain.SettlementOutcome;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.sdk.Abi;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solvers.amm.AmmRouter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** The AMM router's bids, settled on a real Anvil. */
@ExtendWith(DevChain.Fresh.class)
class AmmRouterChainTest {
    private static final AmmRouter EXACT = new AmmRouter(0, false);

    @Test
    void aSellIntentRoutedThroughItsPoolSettlesAndTheTraderGetsTheBidAmount(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Intent sell = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        SolveRequest request = dev.request("1", List.of(sell));

        Bid bid = Solving.byId(Solving.bids(EXACT, "amm", request), "amm-" + sell.uid());

        BigInteger onChainQuote = dev.market.quote("WETH", "USDC", ETHER); // the Router contract's getAmountsOut
        assertThat(bid.trades()).containsExactly(new Trade(sell.uid(), ETHER, onChainQuote));
        List<Interaction> reference = dev.market.swapThroughPool("WETH", "USDC", ETHER, onChainQuote);
        assertThat(bid.interactions()).extracting(i -> i.target().toLowerCase(), i -> i.callData().toLowerCase())
                .containsExactlyElementsOf(reference.stream().map(i -> org.assertj.core.groups.Tuple.tuple(
                        i.target().toLowerCase(), i.callData().toLowerCase())).toList());

        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode("1", bid, List.of(sell), payout()));

        assertThat(outcome.mined()).isTrue();
        assertThat(dev.market.balance("USDC", alice.getAddress())).isEqualTo(onChainQuote).isGreaterThanOrEqualTo(sell.buyAmount());
        assertThat(dev.market.balance("WETH", alice.getAddress())).isZero();
        assertThat(dev.market.balance("USDC", dev.deployment.settlement())).isZero();
        assertThat(dev.market.balance("WETH", dev.deployment.settlement())).isZero();
    }

    @Test
    void theExactOutputIsTheMostThePoolPaysOneUnitMoreReverts(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Intent sell = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        Bid bid = Solving.bids(EXACT, "amm", dev.request("1", List.of(sell))).get(0);
        BigInteger out = bid.trades().get(0).executedBuy();
        Interaction swap = bid.interactions().get(1);
        // Rebuild the swap asking one unit more (USDC is token0 or token1: whichever word is non-zero).
        String data = swap.callData();
        String w0 = data.substring(10, 74);
        String w1 = data.substring(74, 138);
        String more = Abi.word(out.add(BigInteger.ONE));
        String greedy = data.substring(0, 10) + (new BigInteger(w0, 16).signum() > 0 ? more + w1 : w0 + more) + data.substring(138);
        Bid asksTooMuch = new Bid("greedy", "amm", List.of(new Trade(sell.uid(), ETHER, out.add(BigInteger.ONE))),
                List.of(bid.interactions().get(0), new Interaction(swap.target(), BigInteger.ZERO, greedy)));

        assertThat(dev.client.simulate(dev.encoder.encode("1", asksTooMuch, List.of(sell), payout())))
                .as("one unit over the formula").isPresent();
        assertThat(dev.client.simulate(dev.encoder.encode("1", bid, List.of(sell), payout())))
                .as("exactly the formula").isEmpty();
    }

    @Test
    void aBuyIntentRoutedThroughTwoPoolsSettlesAndTheTraderPaysNoMoreThanTheLimit(DevChain dev) throws Exception {
        BigInteger maxPay = DOLLAR.multiply(BigInteger.valueOf(700));
        BigInteger wbtc = BigInteger.TEN.pow(6); // 0.01 WBTC (8 decimals)
        Credentials bob = dev.trader(1, "USDC", maxPay);
        Intent buy = dev.market.intent(bob, Side.BUY, "USDC", "WBTC", maxPay, wbtc, dev.inAnHour());

        Bid bid = Solving.bids(EXACT, "amm", dev.request("2", List.of(buy))).get(0);

        assertThat(bid.interactions()).as("transfer, swap USDC->WETH, swap WETH->WBTC").hasSize(3);
        BigInteger paid = bid.trades().get(0).executedSell();
        assertThat(paid).isLessThanOrEqualTo(maxPay);
        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode("2", bid, List.of(buy), payout()));
        assertThat(outcome.mined()).isTrue();
        assertThat(dev.market.balance("WBTC", bob.getAddress())).isEqualTo(wbtc);
        assertThat(dev.market.balance("USDC", bob.getAddress())).isEqualTo(maxPay.subtract(paid));
        for (String token : List.of("USDC", "WETH", "WBTC")) {
            assertThat(dev.market.balance(token, dev.deployment.settlement())).as(token).isZero();
        }
    }

    @Test
    void individualBidsOnOnePoolSettleTogetherWithinTheSlippageRoom(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Credentials dave = dev.trader(3, "WETH", ETHER);
        BigInteger fifth = ETHER.divide(BigInteger.valueOf(5));
        Intent a = dev.market.intent(alice, Side.SELL, "WETH", "USDC", fifth, DOLLAR.multiply(BigInteger.valueOf(580)), dev.inAnHour());
        Intent d = dev.market.intent(dave, Side.SELL, "WETH", "USDC", fifth.multiply(BigInteger.TWO), DOLLAR.multiply(BigInteger.valueOf(1160)), dev.inAnHour());
        List<Bid> bids = Solving.bids(AmmRouter.DEFAULT, "amm", dev.request("3", List.of(a, d)));

        assertThat(bids).extracting(Bid::isBatched).containsOnly(false);
        // Both bids were priced on the same reserves; the auctioneer settles a solver's winning bids of one auction
        // in one transaction (the contract takes one settlement per auction and solver), the second swap on the
        // reserves the first left: the slippage room is what lets it still pay what the bid promised.
        Bid first = Solving.byId(bids, "amm-" + a.uid());
        Bid second = Solving.byId(bids, "amm-" + d.uid());
        List<io.fairauction.core.model.Interaction> interactions = new ArrayList<>(first.interactions());
        interactions.addAll(second.interactions());
        List<io.fairauction.core.model.Trade> trades = new ArrayList<>(first.trades());
        trades.addAll(second.trades());
        Bid merged = new Bid("amm@3", "amm", trades, interactions);
        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode("3", merged, List.of(a, d), payout()));
        assertThat(outcome.mined()).isTrue();
        assertThat(dev.market.balance("USDC", alice.getAddress())).isEqualTo(first.trades().get(0).executedBuy())
                .isGreaterThanOrEqualTo(a.buyAmount());
        assertThat(dev.market.balance("USDC", dave.getAddress())).isEqualTo(second.trades().get(0).executedBuy())
                .isGreaterThanOrEqualTo(d.buyAmount());
    }

    @Test
    void theBatchedBidPricesItsSwapsOnOnePoolOneAfterTheOther(DevChain dev) throws Exception {
        Credentials alice = dev.trader(0, "WETH", ETHER);
        Credentials dave = dev.trader(3, "WETH", ETHER);
        Intent a = dev.market.intent(alice, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        Intent d = dev.market.intent(dave, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), dev.inAnHour());
        List<Bid> bids = Solving.bids(new AmmRouter(0, true), "amm", dev.request("4", List.of(a, d)));
        Bid all = Solving.byId(bids, "amm-all");
        Bid alone = Solving.byId(bids, "amm-" + d.uid());

        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode("4", all, List.of(a, d), payout()));

        assertThat(outcome.mined()).isTrue();
        BigInteger first = all.trades().get(0).executedBuy();
        BigInteger second = all.trades().get(1).executedBuy();
        assertThat(second).as("the second swap sees the reserves the first left").isLessThan(first);
        assertThat(first).isEqualTo(alone.trades().get(0).executedBuy());
        assertThat(dev.market.balance("USDC", dev.deployment.settlement())).isZero();
    }
}
