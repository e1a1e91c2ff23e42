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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairauction.chain.contracts.Settlement;
import io.fairauction.chain.contracts.test.ReentrantToken;
import io.fairauction.chain.contracts.test.RelayerThief;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Every way a settlement must fail, on a real Anvil. Each case starts from a valid settlement and changes one
 * thing, and names the contract error it must revert with; the untampered settlement succeeding is checked too,
 * so no case passes for a reason other than the one it names.
 */
@ExtendWith(DevChain.Fresh.class)
class SettlementRevertTest {
    private DevChain dev;
    private DevMarket market;
    private Credentials alice;
    private Credentials bob;
    private final Credentials mallory = DevChain.account(20);
    /** The ecrecover precompile's address (Ethereum yellow paper, appendix E). */
    private static final String ECRECOVER = "0x0000000000000000000000000000000000000001";

    @BeforeEach
    void setUp(DevChain dev) {
        this.dev = dev;
        this.market = dev.market;
        alice = trader(dev, 0, "WETH", ether(1));
        bob = trader(dev, 1, "USDC", dollars(3000));
    }

    /** Alice sells 1 WETH for at least 2 900 USDC, Bob sells 3 000 USDC for at least 0.99 WETH. */
    private record Match(Intent aliceSells, Intent bobSells, EncodedSettlement settlement) {
    }

    private Match directMatch(Intent aliceSells) {
        Intent bobSells = market.intent(bob, Side.SELL, "USDC", "WETH", dollars(3000),
                ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev));
        EncodedSettlement settlement = dev.encoder.encode(AUCTION, bid(List.of(
                trade(aliceSells, ether(1), dollars(3000)), trade(bobSells, dollars(3000), ether(1))), List.of()),
                List.of(aliceSells, bobSells), solver());
        return new Match(aliceSells, bobSells, settlement);
    }

    private Match directMatch() {
        return directMatch(aliceSellsOneWeth(inAnHour(dev)));
    }

    private Intent aliceSellsOneWeth(long validTo) {
        return market.intent(alice, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), validTo);
    }

    private ContractRevert revertOf(EncodedSettlement settlement) {
        return dev.client.simulate(settlement).orElseThrow(() -> new AssertionError("settlement did not revert"));
    }

    private void assertSucceeds(EncodedSettlement settlement) {
        assertThat(dev.client.simulate(settlement)).as("the untampered settlement").isEmpty();
    }

    /** Alice's intent with its signature replaced. */
    private static Intent withSignature(Intent intent, String signature) {
        return new Intent(intent.uid(), intent.owner(), intent.side(), intent.sellToken(), intent.buyToken(),
                intent.sellAmount(), intent.buyAmount(), intent.validTo(), signature);
    }

    private EncodedSettlement withAliceSignature(String signature) {
        return directMatch(withSignature(aliceSellsOneWeth(inAnHour(dev)), signature)).settlement();
    }

    @Test
    void signatureByAnotherKeyIsRejected() {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        String forged = IntentSignatures.sign(IntentHashes.digest(intent, dev.deployment.domain()), mallory.getEcKeyPair());

        ContractRevert revert = revertOf(withAliceSignature(forged));

        assertThat(revert.name()).isEqualTo("InvalidSignature");
        assertThat(revert.arguments()).containsExactly(intent.uid());
        assertSucceeds(directMatch(intent).settlement());
    }

    @Test
    void signatureForAnotherChainIdIsRejected() {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        Eip712Domain otherChain = Eip712Domain.of(dev.chain.chainId() + 1, dev.deployment.settlement());

        String signature = IntentSignatures.sign(IntentHashes.digest(intent, otherChain), alice.getEcKeyPair());

        assertThat(revertOf(withAliceSignature(signature)).name()).isEqualTo("InvalidSignature");
        assertSucceeds(directMatch(intent).settlement());
    }

    @Test
    void signatureForAnotherDeploymentIsRejected() {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        Eip712Domain otherDeployment = Eip712Domain.of(dev.chain.chainId(), dev.deployment.router());

        String signature = IntentSignatures.sign(IntentHashes.digest(intent, otherDeployment), alice.getEcKeyPair());

        assertThat(revertOf(withAliceSignature(signature)).name()).isEqualTo("InvalidSignature");
        assertSucceeds(directMatch(intent).settlement());
    }

    @Test
    void malleableTwinOfAValidSignatureIsRejected() throws Exception {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        String twin = Signatures.malleableTwin(intent.signature());
        byte[] t = Numeric.hexStringToByteArray(twin);
        BigInteger recovered = Sign.signedMessageHashToKey(IntentHashes.digest(intent, dev.deployment.domain()),
                new Sign.SignatureData(t[64], java.util.Arrays.copyOfRange(t, 0, 32), java.util.Arrays.copyOfRange(t, 32, 64)));
        assertThat("0x" + Keys.getAddress(recovered)).as("plain ecrecover accepts the twin").isEqualTo(alice.getAddress());

        assertThat(revertOf(withAliceSignature(twin)).name()).isEqualTo("InvalidSignature");
        assertSucceeds(directMatch(intent).settlement());
    }

    /** Alice's signature with its last byte, {@code v}, replaced. */
    private static String withV(String signature, int v) {
        byte[] sig = Numeric.hexStringToByteArray(signature);
        sig[64] = (byte) v;
        return Numeric.toHexString(sig);
    }

    @Test
    void eoaSignatureOfAnotherLengthThan65BytesIsRejected() {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        byte[] sig = Numeric.hexStringToByteArray(intent.signature());
        String short64 = Numeric.toHexString(java.util.Arrays.copyOf(sig, 64));
        String long66 = Numeric.toHexString(java.util.Arrays.copyOf(sig, 66)); // a trailing zero byte

        ContractRevert shortRevert = revertOf(withAliceSignature(short64));
        ContractRevert longRevert = revertOf(withAliceSignature(long66));

        assertThat(shortRevert.name()).isEqualTo("InvalidSignature");
        assertThat(shortRevert.arguments()).containsExactly(intent.uid());
        assertThat(longRevert.name()).isEqualTo("InvalidSignature");
        assertSucceeds(directMatch(intent).settlement());
    }

    @Test
    void eoaSignatureWithVOtherThan27Or28IsRejected() {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        int v = Numeric.hexStringToByteArray(intent.signature())[64];
        // 0 and 1 are the recovery ids some libraries write in place of 27 and 28; 29 and 30 are never valid.
        for (int bad : new int[] {v - 27, v + 2}) {
            EncodedSettlement settlement = withAliceSignature(withV(intent.signature(), bad));
            ContractRevert revert = revertOf(settlement);
            assertThat(revert.name()).as("v = %d", bad).isEqualTo("InvalidSignature");
            assertThat(revert.arguments()).containsExactly(intent.uid());
            // Refused before the precompile is asked (which would also refuse it, returning no address).
            assertThat(Calls.callTargets(dev, dev.submitter.getAddress(), settlement.settlement(), settlement.callData()))
                    .as("v = %d", bad).doesNotContain(ECRECOVER);
        }
        assertSucceeds(directMatch(intent).settlement());
    }

    /**
     * EIP-2 admits {@code s} up to secp256k1n / 2 inclusive. A signature with {@code s} exactly there cannot be
     * made for a chosen key (the digest contains the owner), so the boundary is read from the call trace: at
     * n / 2 the contract asks the ecrecover precompile (address 1); one above, it refuses before asking.
     */
    @Test
    void sExactlyAtHalfTheCurveOrderReachesEcrecoverAndOneAboveIsRefusedBeforeIt() {
        // secp256k1's group order n (SEC 2, section 2.4.1), halved.
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        BigInteger half = n.shiftRight(1);
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        byte[] sig = Numeric.hexStringToByteArray(intent.signature());
        byte[] r = java.util.Arrays.copyOfRange(sig, 0, 32);

        EncodedSettlement atHalf = withAliceSignature(signature(r, half, 27));
        EncodedSettlement aboveHalf = withAliceSignature(signature(r, half.add(BigInteger.ONE), 27));
        EncodedSettlement valid = directMatch(intent).settlement();

        assertThat(revertOf(atHalf).name()).isEqualTo("InvalidSignature");
        assertThat(revertOf(aboveHalf).name()).isEqualTo("InvalidSignature");
        assertThat(Calls.callTargets(dev, dev.submitter.getAddress(), atHalf.settlement(), atHalf.callData()))
                .as("s = n/2 is checked by ecrecover").contains(ECRECOVER);
        assertThat(Calls.callTargets(dev, dev.submitter.getAddress(), aboveHalf.settlement(), aboveHalf.callData()))
                .as("s = n/2 + 1 is refused first").doesNotContain(ECRECOVER);
        assertThat(Calls.callTargets(dev, dev.submitter.getAddress(), valid.settlement(), valid.callData()))
                .contains(ECRECOVER);
        assertSucceeds(valid);
    }

    private static String signature(byte[] r, BigInteger s, int v) {
        byte[] sig = new byte[65];
        System.arraycopy(r, 0, sig, 0, 32);
        System.arraycopy(Numeric.toBytesPadded(s, 32), 0, sig, 32, 32);
        sig[64] = (byte) v;
        return Numeric.toHexString(sig);
    }

    @Test
    void eip1271WalletThatRejectsOrRevertsIsAnInvalidSignature() throws Exception {
        SettlementHardeningTest.WalletMatch match = SettlementHardeningTest.walletMatch(dev, bob);
        assertSucceeds(match.settlement());

        match.wallet().setMode(BigInteger.ONE, BigInteger.ZERO).send(); // REJECT: answers 0xffffffff
        ContractRevert rejected = revertOf(match.settlement());
        match.wallet().setMode(BigInteger.TWO, BigInteger.ZERO).send(); // REVERT
        ContractRevert reverted = revertOf(match.settlement());

        assertThat(rejected.name()).isEqualTo("InvalidSignature");
        assertThat(rejected.arguments()).containsExactly(match.settlement().uids().get(0));
        assertThat(reverted.name()).isEqualTo("InvalidSignature");
        assertThat(reverted.arguments()).containsExactly(match.settlement().uids().get(0));
    }

    @Test
    void tradeNamingATokenIndexOutsideTheTokenListReverts() {
        Match match = directMatch();
        Settlement.TradeData a = match.settlement().trades().get(0);
        Settlement.TradeData b = match.settlement().trades().get(1);
        Settlement.TradeData outOfRange = new Settlement.TradeData(a.owner, BigInteger.TWO, a.buyTokenIndex,
                a.sellAmount, a.buyAmount, a.validTo, a.side, a.executedSell, a.executedBuy, a.signature);

        ContractRevert revert = revertOf(match.settlement().withTrades(List.of(outOfRange, b)));

        // Solidity's panic code 0x32: array index out of bounds (two tokens, index 2).
        assertThat(revert.name()).isEqualTo("Panic");
        assertThat(revert.arguments()).containsExactly(BigInteger.valueOf(0x32));
        assertSucceeds(match.settlement());
    }

    @Test
    void intentIsAcceptedInTheBlockOfItsValidToAndRejectedOneSecondLater() throws Exception {
        long validTo = dev.chain.latestTimestamp() + 100;
        Match match = directMatch(aliceSellsOneWeth(validTo));
        String beforeExpiry = dev.chain.snapshot();

        Calls.setNextBlockTimestamp(dev, validTo);
        var atValidTo = Calls.send(dev, match.settlement());
        dev.chain.revert(beforeExpiry);
        Calls.setNextBlockTimestamp(dev, validTo + 1);
        var oneSecondLate = Calls.send(dev, match.settlement());

        assertThat(atValidTo.isStatusOK()).as("block.timestamp == validTo").isTrue();
        assertThat(blockTimestamp(oneSecondLate)).isEqualTo(validTo + 1);
        ContractRevert revert = Calls.revertOfMined(dev, oneSecondLate);
        assertThat(revert.name()).isEqualTo("IntentExpired");
        assertThat(revert.arguments()).containsExactly(match.aliceSells().uid());
    }

    private long blockTimestamp(org.web3j.protocol.core.methods.response.TransactionReceipt receipt) throws Exception {
        return dev.chain.web3j().ethGetBlockByNumber(
                org.web3j.protocol.core.DefaultBlockParameter.valueOf(receipt.getBlockNumber()), false)
                .send().getBlock().getTimestamp().longValueExact();
    }

    @Test
    void cancellingAnIntentTwiceChangesNothingTheSecondTime() {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));

        var first = Calls.send(dev, alice, dev.deployment.settlement(), cancelCall(intent));
        var second = Calls.send(dev, alice, dev.deployment.settlement(), cancelCall(intent));

        assertThat(first.isStatusOK()).isTrue();
        assertThat(first.getLogs()).as("IntentCancelled").hasSize(1);
        assertThat(second.isStatusOK()).as("no revert: the intent stays cancelled").isTrue();
        assertThat(second.getLogs()).as("and no second event").isEmpty();
        assertThat(revertOf(directMatch(intent).settlement()).name()).isEqualTo("IntentIsCancelled");
    }

    @Test
    void signedCancellationOfAFilledIntentReverts() {
        Match match = directMatch();
        String cancellation = IntentSignatures.signCancellation(match.aliceSells().uid(), alice.getEcKeyPair(),
                dev.deployment.domain());
        String cancelSigned = FunctionEncoder.encode(new Function(Settlement.FUNC_CANCELSIGNED, List.of(
                SettlementTest.struct(match.aliceSells()),
                new org.web3j.abi.datatypes.DynamicBytes(Numeric.hexStringToByteArray(cancellation))), List.of()));
        assertThat(dev.chain.simulate(mallory.getAddress(), dev.deployment.settlement(), cancelSigned))
                .as("the same cancellation before the fill").isEmpty();

        dev.client.submit(match.settlement());

        assertThat(dev.chain.simulate(mallory.getAddress(), dev.deployment.settlement(), cancelSigned))
                .hasValueSatisfying(r -> {
                    assertThat(r.name()).isEqualTo("IntentAlreadyFilled");
                    assertThat(r.arguments()).containsExactly(match.aliceSells().uid());
                });
    }

    @Test
    void etherLeftoverThatTheSolverCannotReceiveReverts() {
        Intent aliceSells = aliceSellsOneWeth(inAnHour(dev));
        Intent bobBuys = market.intent(bob, Side.BUY, "USDC", "WETH", dollars(3000), ether(9).divide(BigInteger.TEN),
                inAnHour(dev));
        Interaction unwrap = new Interaction(market.token("WETH"), BigInteger.ZERO, FunctionEncoder.encode(new Function(
                "withdraw", List.of(new Uint256(ether(1).divide(BigInteger.TEN))), List.of())));
        var unwrappingBid = bid(List.of(trade(aliceSells, ether(1), dollars(3000)),
                trade(bobBuys, dollars(3000), ether(9).divide(BigInteger.TEN))), List.of(unwrap));
        // A token contract has no way to receive ether: sweeping the unwrapped 0.1 ether to it fails.
        String cannotReceive = market.token("DAI");

        ContractRevert revert = revertOf(dev.encoder.encode(AUCTION, unwrappingBid, List.of(aliceSells, bobBuys),
                cannotReceive));

        assertThat(revert.name()).isEqualTo("EtherTransferFailed");
        assertSucceeds(dev.encoder.encode(AUCTION, unwrappingBid, List.of(aliceSells, bobBuys), solver()));
    }

    @Test
    void expiredIntentIsRejected() {
        Match match = directMatch(aliceSellsOneWeth(dev.chain.latestTimestamp() + 60));
        assertSucceeds(match.settlement());

        dev.chain.advanceTime(120);

        ContractRevert revert = revertOf(match.settlement());
        assertThat(revert.name()).isEqualTo("IntentExpired");
        assertThat(revert.arguments()).containsExactly(match.aliceSells().uid());
    }

    @Test
    void intentFilledOnceCannotBeFilledAgain() {
        Match match = directMatch();
        dev.client.submit(match.settlement());
        market.fund(alice.getAddress(), "WETH", ether(1));
        market.fund(bob.getAddress(), "USDC", dollars(3000));
        // The same trades in a later auction: the (auction, solver) is new, the intents are not.
        EncodedSettlement again = dev.encoder.encode("43", bid(tradesOf(match.settlement()), List.of()),
                intentsOf(match.settlement()), solver());

        ContractRevert revert = revertOf(again);
        assertThat(revert.name()).isEqualTo("IntentAlreadyFilled");
        assertThat(revert.arguments()).containsExactly(match.aliceSells().uid());
        assertThatThrownBy(() -> dev.client.submit(again))
                .isInstanceOfSatisfying(ChainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ChainError.SETTLEMENT_REVERTED);
                    assertThat(e.revert()).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("IntentAlreadyFilled"));
                });
        assertThat(dev.chain.simulate(alice.getAddress(), dev.deployment.settlement(), cancelCall(match.aliceSells())))
                .as("a filled intent cannot be cancelled")
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("IntentAlreadyFilled"));
    }

    @Test
    void cancelledIntentIsRejected() throws Exception {
        Match match = directMatch();
        assertSucceeds(match.settlement());
        settlementAs(alice).cancel(SettlementTest.struct(match.aliceSells())).send();

        ContractRevert revert = revertOf(match.settlement());

        assertThat(revert.name()).isEqualTo("IntentIsCancelled");
        assertThat(revert.arguments()).containsExactly(match.aliceSells().uid());
    }

    @Test
    void onlyTheOwnerOrTheOwnersSignatureCancels() {
        Intent intent = aliceSellsOneWeth(inAnHour(dev));
        assertThat(dev.chain.simulate(alice.getAddress(), dev.deployment.settlement(), cancelCall(intent)))
                .as("the owner cancels").isEmpty();
        String genuine = IntentSignatures.signCancellation(intent.uid(), alice.getEcKeyPair(), dev.deployment.domain());
        assertThat(dev.chain.simulate(mallory.getAddress(), dev.deployment.settlement(), FunctionEncoder.encode(
                new Function(Settlement.FUNC_CANCELSIGNED, List.of(SettlementTest.struct(intent),
                        new org.web3j.abi.datatypes.DynamicBytes(Numeric.hexStringToByteArray(genuine))), List.of()))))
                .as("anyone submits the owner's signed cancellation").isEmpty();
        assertThat(dev.chain.simulate(mallory.getAddress(), dev.deployment.settlement(), cancelCall(intent)))
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("Unauthorised"));

        String forged = IntentSignatures.signCancellation(intent.uid(), mallory.getEcKeyPair(), dev.deployment.domain());
        String cancelSigned = FunctionEncoder.encode(new Function(Settlement.FUNC_CANCELSIGNED,
                List.of(SettlementTest.struct(intent), new org.web3j.abi.datatypes.DynamicBytes(Numeric.hexStringToByteArray(forged))),
                List.of()));
        assertThat(dev.chain.simulate(mallory.getAddress(), dev.deployment.settlement(), cancelSigned))
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("InvalidSignature"));
    }

    @Test
    void interactionsDeliveringOneUnitLessThanAwardedRevert() {
        Intent aliceSells = aliceSellsOneWeth(inAnHour(dev));
        BigInteger poolOut = market.quote("WETH", "USDC", ether(1));
        // The solver awards the pool's whole output but its route asks the pool for one unit less.
        EncodedSettlement shortRoute = dev.encoder.encode(AUCTION,
                bid(List.of(trade(aliceSells, ether(1), poolOut)),
                        market.swapThroughPool("WETH", "USDC", ether(1), poolOut.subtract(BigInteger.ONE))),
                List.of(aliceSells), solver());
        EncodedSettlement fullRoute = dev.encoder.encode(AUCTION,
                bid(List.of(trade(aliceSells, ether(1), poolOut)), market.swapThroughPool("WETH", "USDC", ether(1), poolOut)),
                List.of(aliceSells), solver());
        assertSucceeds(fullRoute);

        ContractRevert revert = revertOf(shortRoute);
        assertThat(revert.name()).isEqualTo("TransferFailed");
        assertThat(revert.arguments()).containsExactly(market.token("USDC"));

        // With USDC already in the settlement, paying Alice in full would spend it: the balance check refuses.
        market.fund(dev.deployment.settlement(), "USDC", dollars(100));
        ContractRevert guarded = revertOf(shortRoute);
        assertThat(guarded.name()).isEqualTo("BalanceDecreased");
        assertThat(guarded.arguments()).containsExactly(market.token("USDC"));
    }

    @Test
    void tradesOutsideTheSignedLimitsRevert() {
        Match match = directMatch();
        Settlement.TradeData a = match.settlement().trades().get(0);
        Settlement.TradeData b = match.settlement().trades().get(1);

        Settlement.TradeData belowLimit = tamper(a, a.executedSell, a.buyAmount.subtract(BigInteger.ONE), a.side);
        Settlement.TradeData partialSell = tamper(a, a.executedSell.subtract(BigInteger.ONE), a.executedBuy, a.side);
        Settlement.TradeData unknownSide = tamper(a, a.executedSell, a.executedBuy, BigInteger.TWO);
        assertSucceeds(match.settlement());

        assertThat(revertOf(match.settlement().withTrades(List.of(belowLimit, b))).name()).isEqualTo("LimitViolated");
        assertThat(revertOf(match.settlement().withTrades(List.of(partialSell, b))).name()).isEqualTo("LimitViolated");
        ContractRevert side = revertOf(match.settlement().withTrades(List.of(unknownSide, b)));
        assertThat(side.name()).isEqualTo("UnknownSide");
        assertThat(side.arguments()).containsExactly(BigInteger.TWO);
    }

    @Test
    void buyIntentChargedAboveItsLimitOrNotFullyBoughtReverts() {
        Intent bobBuys = market.intent(bob, Side.BUY, "USDC", "WETH", dollars(3000), ether(1), inAnHour(dev));
        Intent aliceSells = aliceSellsOneWeth(inAnHour(dev));
        EncodedSettlement settlement = dev.encoder.encode(AUCTION, bid(List.of(
                trade(aliceSells, ether(1), dollars(2950)), trade(bobBuys, dollars(2950), ether(1))), List.of()),
                List.of(aliceSells, bobBuys), solver());
        assertSucceeds(settlement);
        Settlement.TradeData a = settlement.trades().get(0);
        Settlement.TradeData b = settlement.trades().get(1);

        Settlement.TradeData overCharged = tamper(b, dollars(3000).add(BigInteger.ONE), b.executedBuy, b.side);
        Settlement.TradeData underBought = tamper(b, b.executedSell, b.executedBuy.subtract(BigInteger.ONE), b.side);

        assertThat(revertOf(settlement.withTrades(List.of(a, overCharged))).name()).isEqualTo("LimitViolated");
        assertThat(revertOf(settlement.withTrades(List.of(a, underBought))).name()).isEqualTo("LimitViolated");
    }

    @Test
    void onlyAuthorisedSubmittersSettle() throws Exception {
        Match match = directMatch();
        assertSucceeds(match.settlement());
        assertThat(new SettlementClient(dev.chain, mallory).simulate(match.settlement()))
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("Unauthorised"));

        String authorise = FunctionEncoder.encode(new Function(Settlement.FUNC_SETSUBMITTER,
                List.of(new Address(mallory.getAddress()), new org.web3j.abi.datatypes.Bool(true)), List.of()));
        assertThat(dev.chain.simulate(mallory.getAddress(), dev.deployment.settlement(), authorise))
                .as("only the owner manages submitters")
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("Unauthorised"));

        settlementAs(dev.deployer).setSubmitter(dev.submitter.getAddress(), false).send();
        assertThat(revertOf(match.settlement()).name()).as("a revoked submitter").isEqualTo("Unauthorised");
    }

    @Test
    void interactionsCannotCallTheRelayerOrTheSettlement() {
        EncodedSettlement valid = directMatch().settlement();
        String pull = FunctionEncoder.encode(new Function("transferIn", List.of(new Address(market.token("WETH")),
                new Address(alice.getAddress()), new Uint256(ether(1))), List.of()));

        ContractRevert toRelayer = revertOf(valid.withInteractions(List.of(
                new Settlement.InteractionData(dev.deployment.relayer(), BigInteger.ZERO, Numeric.hexStringToByteArray(pull)))));
        ContractRevert toSettlement = revertOf(valid.withInteractions(List.of(
                new Settlement.InteractionData(dev.deployment.settlement(), BigInteger.ZERO,
                        Numeric.hexStringToByteArray(cancelCall(directMatch().aliceSells()))))));

        assertThat(toRelayer.name()).isEqualTo("ForbiddenInteraction");
        assertThat(toRelayer.arguments()).containsExactly(BigInteger.ZERO);
        assertThat(toSettlement.name()).isEqualTo("ForbiddenInteraction");
        assertSucceeds(valid);
        assertThat(dev.chain.simulate(mallory.getAddress(), dev.deployment.relayer(), pull))
                .as("nobody but the settlement calls the relayer")
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("OnlySettlement"));
    }

    @Test
    void interactionCannotMakeTheRelayerPullATradersTokensThroughAnotherContract() throws Exception {
        RelayerThief thief = RelayerThief.deploy(dev.chain.web3j(), dev.chain.transactionManager(mallory),
                dev.chain.gasProvider()).send();
        market.fund(alice.getAddress(), "WETH", ether(5)); // more than her intent sells, all approved
        String steal = FunctionEncoder.encode(new Function(RelayerThief.FUNC_STEAL, List.of(
                new Address(dev.deployment.relayer()), new Address(market.token("WETH")),
                new Address(alice.getAddress()), new Uint256(ether(5))), List.of()));
        String transferFrom = FunctionEncoder.encode(new Function("transferFrom", List.of(
                new Address(alice.getAddress()), new Address(mallory.getAddress()), new Uint256(ether(5))), List.of()));
        EncodedSettlement valid = directMatch().settlement();

        ContractRevert viaThief = revertOf(dev.encoder.encode(AUCTION, bid(tradesOf(valid),
                List.of(new Interaction(thief.getContractAddress(), BigInteger.ZERO, steal))), intentsOf(valid), solver()));
        ContractRevert direct = revertOf(dev.encoder.encode(AUCTION, bid(tradesOf(valid),
                List.of(new Interaction(market.token("WETH"), BigInteger.ZERO, transferFrom))), intentsOf(valid), solver()));

        assertThat(viaThief.name()).isEqualTo("InteractionFailed");
        assertThat(viaThief.root().name()).isEqualTo("OnlySettlement");
        assertThat(direct.name()).isEqualTo("InteractionFailed");
        assertThat(direct.root().name()).as("the settlement has no approval of its own").isEqualTo("InsufficientAllowance");
        assertSucceeds(valid);
    }

    @Test
    void interactionCannotDrainTheSettlementsTokenOrEtherBalance() throws Exception {
        market.fund(dev.deployment.settlement(), "USDC", dollars(100));
        String sent = dev.chain.transactionManager(dev.deployer).sendTransaction(dev.chain.gasPrice(),
                BigInteger.valueOf(100_000), dev.deployment.settlement(), "0x", ether(1)).getTransactionHash();
        dev.chain.receiptProcessor().waitForTransactionReceipt(sent);
        assertThat(dev.chain.web3j().ethGetBalance(dev.deployment.settlement(),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance()).isEqualTo(ether(1));
        EncodedSettlement valid = directMatch().settlement();
        String drain = FunctionEncoder.encode(new Function("transfer",
                List.of(new Address(mallory.getAddress()), new Uint256(dollars(100))), List.of()));

        ContractRevert tokens = revertOf(valid.withInteractions(List.of(new Settlement.InteractionData(
                market.token("USDC"), BigInteger.ZERO, Numeric.hexStringToByteArray(drain)))));
        ContractRevert ether = revertOf(valid.withInteractions(List.of(new Settlement.InteractionData(
                mallory.getAddress(), ether(1), new byte[0]))));

        assertThat(tokens.name()).isEqualTo("BalanceDecreased");
        assertThat(tokens.arguments()).containsExactly(market.token("USDC"));
        assertThat(ether.name()).isEqualTo("BalanceDecreased");
        assertThat(ether.arguments()).containsExactly("0x0000000000000000000000000000000000000000");
        assertSucceeds(valid);
    }

    @Test
    void reentrantTokenCannotReenterSettleEvenAsAnAuthorisedSubmitter() throws Exception {
        ReentrantToken token = ReentrantToken.deploy(dev.chain.web3j(), dev.chain.transactionManager(alice),
                dev.chain.gasProvider()).send();
        token.mint(alice.getAddress(), ether(1)).send();
        token.approve(dev.deployment.relayer(), ether(1)).send();
        Intent aliceSells = IntentSignatures.sign(new Intent("0x", alice.getAddress(), Side.SELL,
                token.getContractAddress(), market.token("USDC"), ether(1), dollars(2900), inAnHour(dev), ""),
                alice.getEcKeyPair(), dev.deployment.domain());
        Intent bobSells = IntentSignatures.sign(new Intent("0x", bob.getAddress(), Side.SELL, market.token("USDC"),
                token.getContractAddress(), dollars(3000), ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev), ""),
                bob.getEcKeyPair(), dev.deployment.domain());
        EncodedSettlement settlement = dev.encoder.encode(AUCTION, bid(List.of(
                trade(aliceSells, ether(1), dollars(3000)), trade(bobSells, dollars(3000), ether(1))), List.of()),
                List.of(aliceSells, bobSells), solver());
        // The token may call settle (so only the lock can stop it) and replays the very same settlement.
        settlementAs(dev.deployer).setSubmitter(token.getContractAddress(), true).send();
        token.arm(dev.deployment.settlement(), Numeric.hexStringToByteArray(settlement.callData())).send();

        dev.client.submit(settlement);

        assertThat(token.reentryAttempted().send()).isTrue();
        assertThat(token.reentrySucceeded().send()).isFalse();
        assertThat(ContractErrors.decode(Numeric.toHexString(token.reentryRevertData().send())).name()).isEqualTo("Reentrancy");
        assertThat(token.balanceOf(bob.getAddress()).send()).as("filled once").isEqualTo(ether(1));
    }

    private static Settlement.TradeData tamper(Settlement.TradeData t, BigInteger executedSell, BigInteger executedBuy,
                                               BigInteger side) {
        return new Settlement.TradeData(t.owner, t.sellTokenIndex, t.buyTokenIndex, t.sellAmount, t.buyAmount,
                t.validTo, side, executedSell, executedBuy, t.signature);
    }

    private String cancelCall(Intent intent) {
        return FunctionEncoder.encode(new Function(Settlement.FUNC_CANCEL, List.of(SettlementTest.struct(intent)), List.of()));
    }

    private List<io.fairauction.core.model.Trade> tradesOf(EncodedSettlement settlement) {
        List<io.fairauction.core.model.Trade> trades = new ArrayList<>();
        for (int i = 0; i < settlement.trades().size(); i++) {
            Settlement.TradeData t = settlement.trades().get(i);
            trades.add(new io.fairauction.core.model.Trade(settlement.uids().get(i), t.executedSell, t.executedBuy));
        }
        return trades;
    }

    private List<Intent> intentsOf(EncodedSettlement settlement) {
        List<Intent> intents = new ArrayList<>();
        for (int i = 0; i < settlement.trades().size(); i++) {
            Settlement.TradeData t = settlement.trades().get(i);
            intents.add(new Intent(settlement.uids().get(i), t.owner, t.side.signum() == 0 ? Side.SELL : Side.BUY,
                    settlement.tokens().get(t.sellTokenIndex.intValueExact()),
                    settlement.tokens().get(t.buyTokenIndex.intValueExact()), t.sellAmount, t.buyAmount,
                    t.validTo.longValueExact(), Numeric.toHexString(t.signature)));
        }
        return intents;
    }

    private Settlement settlementAs(Credentials account) {
        return Settlement.load(dev.deployment.settlement(), dev.chain.web3j(), dev.chain.transactionManager(account),
                dev.chain.gasProvider());
    }
}
