package io.fairauction.chain;

import static io.fairauction.chain.Fixtures.AUCTION;
import static io.fairauction.chain.Fixtures.bid;
import static io.fairauction.chain.Fixtures.dollars;
import static io.fairauction.chain.Fixtures.ether;
import static io.fairauction.chain.Fixtures.inAnHour;
import static io.fairauction.chain.Fixtures.solver;
import static io.fairauction.chain.Fixtures.trade;
import static io.fairauction.chain.Fixtures.trader;
import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.chain.contracts.Settlement;
import io.fairauction.chain.contracts.test.ERC1271Wallet;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Settlements that succeed, on a real Anvil: what each trader, the solver and the settlement end up with. */
@ExtendWith(DevChain.Fresh.class)
class SettlementTest {
    private DevChain dev;
    private DevMarket market;

    @BeforeEach
    void setUp(DevChain dev) {
        this.dev = dev;
        this.market = dev.market;
    }

    @Test
    void singleSellIntentRoutedThroughAPoolPaysTheAwardAndTheRestToTheSolver() {
        Credentials alice = trader(dev, 0, "WETH", ether(1));
        Intent sell = market.intent(alice, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), inAnHour(dev));
        BigInteger poolOut = market.quote("WETH", "USDC", ether(1));
        BigInteger award = poolOut.subtract(BigInteger.valueOf(1234));

        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode(AUCTION,
                bid(List.of(trade(sell, ether(1), award)), market.swapThroughPool("WETH", "USDC", ether(1), poolOut)),
                List.of(sell), solver()));

        assertThat(outcome.mined()).isTrue();
        assertThat(market.balance("USDC", alice.getAddress())).isEqualTo(award);
        assertThat(market.balance("WETH", alice.getAddress())).isZero();
        assertThat(market.balance("USDC", solver())).isEqualTo(BigInteger.valueOf(1234));
        assertThat(market.balance("USDC", dev.deployment.settlement())).isZero();
        assertThat(market.balance("WETH", dev.deployment.settlement())).isZero();
        assertThat(outcome.trades()).containsExactly(
                new SettlementOutcome.ExecutedTrade(sell.uid(), alice.getAddress(), ether(1), award));
        assertThat(outcome.auctionId()).contains(new BigInteger(AUCTION));
        assertThat(outcome.solver()).contains(solver());
        assertThat(status(sell)).isEqualTo(Settlement_STATUS_FILLED);
    }

    @Test
    void twoOppositeIntentsMatchDirectlyWithNoPool() {
        Credentials alice = trader(dev, 0, "WETH", ether(1));
        Credentials bob = trader(dev, 1, "USDC", dollars(3000));
        Intent aliceSells = market.intent(alice, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), inAnHour(dev));
        Intent bobSells = market.intent(bob, Side.SELL, "USDC", "WETH", dollars(3000), ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev));

        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode(AUCTION, bid(List.of(
                        trade(aliceSells, ether(1), dollars(2995)),
                        trade(bobSells, dollars(3000), ether(1))), List.of()),
                List.of(aliceSells, bobSells), solver()));

        assertThat(outcome.trades()).hasSize(2);
        assertThat(market.balance("USDC", alice.getAddress())).isEqualTo(dollars(2995));
        assertThat(market.balance("WETH", bob.getAddress())).isEqualTo(ether(1));
        assertThat(market.balance("USDC", solver())).isEqualTo(dollars(5));
        assertThat(market.balance("USDC", dev.deployment.settlement())).isZero();
        assertThat(market.balance("WETH", dev.deployment.settlement())).isZero();
    }

    @Test
    void batchOfFiveNetsOppositeIntentsAndRoutesOnlyTheRemainderThroughAPool() {
        List<Credentials> sellers = new ArrayList<>();
        List<Intent> intents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Credentials seller = trader(dev, i, "WETH", ether(1));
            sellers.add(seller);
            intents.add(market.intent(seller, Side.SELL, "WETH", "USDC", ether(1), dollars(2800), inAnHour(dev)));
        }
        Credentials usdcSeller = trader(dev, 3, "USDC", dollars(3000));
        Credentials wethBuyer = trader(dev, 4, "USDC", dollars(3100));
        intents.add(market.intent(usdcSeller, Side.SELL, "USDC", "WETH", dollars(3000), ether(95).divide(BigInteger.valueOf(100)), inAnHour(dev)));
        // A buy intent: exactly 1 WETH, for at most 3 100 USDC; the solver charges 3 000.
        intents.add(market.intent(wethBuyer, Side.BUY, "USDC", "WETH", dollars(3100), ether(1), inAnHour(dev)));

        // 3 WETH in, 2 WETH out to the USDC side: the third WETH goes through the pool.
        BigInteger poolOut = market.quote("WETH", "USDC", ether(1));
        BigInteger usdcIn = dollars(6000).add(poolOut);
        BigInteger perSeller = usdcIn.divide(BigInteger.valueOf(3)).subtract(BigInteger.ONE);
        var trades = List.of(
                trade(intents.get(0), ether(1), perSeller),
                trade(intents.get(1), ether(1), perSeller),
                trade(intents.get(2), ether(1), perSeller),
                trade(intents.get(3), dollars(3000), ether(1)),
                trade(intents.get(4), dollars(3000), ether(1)));

        SettlementOutcome outcome = dev.client.submit(dev.encoder.encode(AUCTION,
                bid(trades, market.swapThroughPool("WETH", "USDC", ether(1), poolOut)), intents, solver()));

        assertThat(outcome.trades()).extracting(SettlementOutcome.ExecutedTrade::uid)
                .containsExactlyElementsOf(intents.stream().map(Intent::uid).toList());
        for (Credentials seller : sellers) {
            assertThat(market.balance("USDC", seller.getAddress())).isEqualTo(perSeller);
        }
        assertThat(market.balance("WETH", usdcSeller.getAddress())).isEqualTo(ether(1));
        assertThat(market.balance("WETH", wethBuyer.getAddress())).isEqualTo(ether(1));
        assertThat(market.balance("USDC", wethBuyer.getAddress())).as("the buyer keeps what they were not charged")
                .isEqualTo(dollars(100));
        assertThat(market.balance("USDC", solver())).isEqualTo(usdcIn.subtract(perSeller.multiply(BigInteger.valueOf(3))));
        assertThat(market.balance("USDC", dev.deployment.settlement())).isZero();
        assertThat(market.balance("WETH", dev.deployment.settlement())).isZero();
    }

    @Test
    void contractOwnerSignsThroughEip1271() throws Exception {
        Credentials signer = DevChain.account(5);
        Credentials bob = trader(dev, 1, "USDC", dollars(3000));
        ERC1271Wallet wallet = ERC1271Wallet.deploy(dev.chain.web3j(), dev.chain.transactionManager(signer),
                dev.chain.gasProvider(), signer.getAddress()).send();
        market.fund(wallet.getContractAddress(), "WETH", ether(1));
        wallet.approveToken(market.token("WETH"), dev.deployment.relayer(), U256.MAX).send();

        Intent unsigned = new Intent("0x", wallet.getContractAddress(), Side.SELL, market.token("WETH"),
                market.token("USDC"), ether(1), dollars(2900), inAnHour(dev), "");
        byte[] digest = IntentHashes.digest(unsigned, dev.deployment.domain());
        Intent walletIntent = new Intent(Numeric.toHexString(digest), unsigned.owner(), unsigned.side(),
                unsigned.sellToken(), unsigned.buyToken(), unsigned.sellAmount(), unsigned.buyAmount(),
                unsigned.validTo(), IntentSignatures.sign(digest, signer.getEcKeyPair()));
        Intent bobSells = market.intent(bob, Side.SELL, "USDC", "WETH", dollars(3000), ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev));

        dev.client.submit(dev.encoder.encode(AUCTION, bid(List.of(
                trade(walletIntent, ether(1), dollars(3000)), trade(bobSells, dollars(3000), ether(1))), List.of()),
                List.of(walletIntent, bobSells), solver()));

        assertThat(market.balance("USDC", wallet.getContractAddress())).isEqualTo(dollars(3000));
        assertThat(market.balance("WETH", bob.getAddress())).isEqualTo(ether(1));
    }

    @Test
    void ownerCancelsOnChainAndAnyoneCanSubmitASignedCancellation() throws Exception {
        Credentials alice = DevChain.account(0);
        Intent first = market.intent(alice, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), inAnHour(dev));
        Intent second = market.intent(alice, Side.SELL, "WETH", "USDC", ether(2), dollars(5800), inAnHour(dev));

        settlementAs(alice).cancel(struct(first)).send();
        String cancellation = IntentSignatures.signCancellation(second.uid(), alice.getEcKeyPair(), dev.deployment.domain());
        settlementAs(DevChain.account(7)).cancelSigned(struct(second), Numeric.hexStringToByteArray(cancellation)).send();

        assertThat(status(first)).isEqualTo(Settlement_STATUS_CANCELLED);
        assertThat(status(second)).isEqualTo(Settlement_STATUS_CANCELLED);
    }

    @Test
    void leftoverEtherFromUnwrappingGoesToTheSolver() {
        Credentials alice = trader(dev, 0, "WETH", ether(1));
        Credentials bob = trader(dev, 1, "USDC", dollars(3000));
        Intent aliceSells = market.intent(alice, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), inAnHour(dev));
        Intent bobBuys = market.intent(bob, Side.BUY, "USDC", "WETH", dollars(3000), ether(9).divide(BigInteger.TEN), inAnHour(dev));
        BigInteger surplus = ether(1).divide(BigInteger.TEN);
        // The solver unwraps the 0.1 WETH surplus: the ether it leaves in the settlement is swept to the solver.
        Interaction unwrap = new Interaction(market.token("WETH"), BigInteger.ZERO, org.web3j.abi.FunctionEncoder.encode(
                new org.web3j.abi.datatypes.Function("withdraw", List.of(new org.web3j.abi.datatypes.generated.Uint256(surplus)), List.of())));
        BigInteger etherBefore = etherBalance(solver());

        dev.client.submit(dev.encoder.encode(AUCTION, bid(List.of(
                trade(aliceSells, ether(1), dollars(3000)),
                trade(bobBuys, dollars(3000), ether(9).divide(BigInteger.TEN))), List.of(unwrap)),
                List.of(aliceSells, bobBuys), solver()));

        assertThat(etherBalance(solver()).subtract(etherBefore)).isEqualTo(surplus);
        assertThat(etherBalance(dev.deployment.settlement())).isZero();
    }

    static final BigInteger Settlement_STATUS_FILLED = BigInteger.ONE;
    static final BigInteger Settlement_STATUS_CANCELLED = BigInteger.TWO;

    private BigInteger status(Intent intent) {
        try {
            return settlementAs(dev.submitter).intentStatus(Numeric.hexStringToByteArray(intent.uid())).send();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private BigInteger etherBalance(String account) {
        try {
            return dev.chain.web3j().ethGetBalance(account, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send().getBalance();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private Settlement settlementAs(Credentials account) {
        return Settlement.load(dev.deployment.settlement(), dev.chain.web3j(), dev.chain.transactionManager(account),
                dev.chain.gasProvider());
    }

    static Settlement.Intent struct(Intent intent) {
        return new Settlement.Intent(intent.owner(), intent.sellToken(), intent.buyToken(), intent.sellAmount(),
                intent.buyAmount(), BigInteger.valueOf(intent.validTo()), BigInteger.valueOf(IntentHashes.sideCode(intent.side())));
    }
}
