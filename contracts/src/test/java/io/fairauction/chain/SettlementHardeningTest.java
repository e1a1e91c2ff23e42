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
import io.fairauction.chain.contracts.TestToken;
import io.fairauction.chain.contracts.test.ApprovalTarget;
import io.fairauction.chain.contracts.test.FeeOnTransferToken;
import io.fairauction.chain.contracts.test.ReentrantToken;
import io.fairauction.chain.contracts.test.TestWallet;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint48;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The findings of the settlement security review (issue 12), each shown on a real Anvil: the attack or the
 * shortfall is refused with a decodable error, and the same settlement without it succeeds. Functions new to
 * the contract are called by their Solidity signature, so this class also runs against the contract as it was
 * before the fixes (where these tests fail).
 */
@ExtendWith(DevChain.Fresh.class)
class SettlementHardeningTest {
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private DevChain dev;
    private DevMarket market;
    private Credentials alice;
    private Credentials bob;
    private final Credentials mallory = DevChain.account(20);

    @BeforeEach
    void setUp(DevChain dev) {
        this.dev = dev;
        this.market = dev.market;
        alice = trader(dev, 0, "WETH", ether(1));
        bob = trader(dev, 1, "USDC", dollars(3000));
    }

    /** Alice sells 1 WETH for at least 2 900 USDC and is awarded {@code aliceGets}; Bob sells 3 000 USDC for 1 WETH. */
    private EncodedSettlement directMatch(String auction, String solver, BigInteger aliceGets) {
        Intent aliceSells = market.intent(alice, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), inAnHour(dev));
        Intent bobSells = market.intent(bob, Side.SELL, "USDC", "WETH", dollars(3000),
                ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev));
        return dev.encoder.encode(auction, bid(List.of(
                trade(aliceSells, ether(1), aliceGets), trade(bobSells, dollars(3000), ether(1))), List.of()),
                List.of(aliceSells, bobSells), solver);
    }

    private EncodedSettlement directMatch() {
        return directMatch(AUCTION, solver(), dollars(3000));
    }

    private Intent signed(Credentials owner, Side side, String sellToken, String buyToken, BigInteger sellAmount,
                          BigInteger buyAmount) {
        return IntentSignatures.sign(new Intent("0x", owner.getAddress(), side, sellToken, buyToken, sellAmount,
                buyAmount, inAnHour(dev), ""), owner.getEcKeyPair(), dev.deployment.domain());
    }

    private ContractRevert revertOf(EncodedSettlement settlement) {
        return dev.client.simulate(settlement).orElseThrow(() -> new AssertionError("settlement did not revert"));
    }

    private void assertSucceeds(EncodedSettlement settlement) {
        assertThat(dev.client.simulate(settlement)).as("the settlement without the change").isEmpty();
    }

    private static Settlement.InteractionData call(String target, String data) {
        return new Settlement.InteractionData(target, BigInteger.ZERO, Numeric.hexStringToByteArray(data));
    }

    // ------------------------------------------------------------------------------------------------------
    // 1. Approvals left behind by interactions

    @Test
    void interactionLeavingAnAllowanceRevertsAndTheSameRouteTakingItBackSettles() {
        EncodedSettlement valid = directMatch();
        String usdc = market.token("USDC");
        var grant = call(usdc, Calls.encode("approve", new Address(mallory.getAddress()), new Uint256(MAX)));
        var takeBack = call(usdc, Calls.encode("approve", new Address(mallory.getAddress()), new Uint256(0)));

        ContractRevert revert = revertOf(valid.withInteractions(List.of(grant)));

        assertThat(revert.name()).isEqualTo("ApprovalLeftBehind");
        assertThat(revert.arguments()).containsExactly(BigInteger.ZERO);
        assertSucceeds(valid.withInteractions(List.of(grant, takeBack)));
    }

    /**
     * The review's proof of concept: a solver's interaction approves X (here a token whose transfer hands X control,
     * as a trader's hook could); in a later settlement X takes the honest solver's surplus while the traders are
     * still paid in full. The approval must not survive the first settlement.
     */
    @Test
    void approvalLeftBehindCannotLetATokenHookTakeALaterSolversSurplus() throws Exception {
        Credentials carol = DevChain.account(2);
        Credentials dave = trader(dev, 3, "USDC", dollars(3000));
        ReentrantToken hooked = ReentrantToken.deploy(dev.chain.web3j(), dev.chain.transactionManager(carol),
                dev.chain.gasProvider()).send();
        hooked.mint(carol.getAddress(), ether(1)).send();
        hooked.approve(dev.deployment.relayer(), MAX).send();
        String usdc = market.token("USDC");

        // First auction: a settlement whose interactions leave the hooked token an unlimited USDC allowance.
        EncodedSettlement leaving = directMatch(AUCTION, mallory.getAddress(), dollars(3000)).withInteractions(List.of(
                call(usdc, Calls.encode("approve", new Address(hooked.getContractAddress()), new Uint256(MAX)))));
        TransactionReceipt first = Calls.send(dev, leaving);

        // Next auction, an honest solver: Dave's 3 000 USDC are in the settlement when Carol's token moves, and the
        // token then pulls 100 USDC of them, the solver's surplus (Carol is awarded 2 900).
        hooked.arm(usdc, Numeric.hexStringToByteArray(Calls.encode("transferFrom",
                new Address(dev.deployment.settlement()), new Address(mallory.getAddress()), new Uint256(dollars(100))))).send();
        Intent daveSells = signed(dave, Side.SELL, usdc, hooked.getContractAddress(), dollars(3000),
                ether(99).divide(BigInteger.valueOf(100)));
        Intent carolSells = signed(carol, Side.SELL, hooked.getContractAddress(), usdc, ether(1), dollars(2900));
        dev.client.submit(dev.encoder.encode("43", bid(List.of(
                trade(daveSells, dollars(3000), ether(1)), trade(carolSells, ether(1), dollars(2900))), List.of()),
                List.of(daveSells, carolSells), solver()));

        assertThat(hooked.reentryAttempted().send()).as("the hook ran").isTrue();
        assertThat(market.balance("USDC", mallory.getAddress())).as("taken by the approved token").isZero();
        assertThat(market.balance("USDC", solver())).as("the honest solver's surplus").isEqualTo(dollars(100));
        ContractRevert refused = Calls.revertOfMined(dev, first);
        assertThat(refused.name()).isEqualTo("ApprovalLeftBehind");
        assertThat(refused.arguments()).containsExactly(BigInteger.ZERO);
    }

    /** Every way of granting a right to move the settlement's tokens that the contract watches for. */
    enum Grant {
        ERC20_APPROVE {
            String grant(String spender, String token) {
                return Calls.encode("approve", new Address(spender), new Uint256(BigInteger.ONE));
            }

            String takeBack(String spender, String token) {
                return Calls.encode("approve", new Address(spender), new Uint256(0));
            }
        },
        ERC20_INCREASE_ALLOWANCE {
            String grant(String spender, String token) {
                return Calls.encode("increaseAllowance", new Address(spender), new Uint256(BigInteger.ONE));
            }

            String takeBack(String spender, String token) {
                return Calls.encode("approve", new Address(spender), new Uint256(0));
            }
        },
        ERC721_SET_APPROVAL_FOR_ALL {
            String grant(String spender, String token) {
                return Calls.encode("setApprovalForAll", new Address(spender), new Bool(true));
            }

            String takeBack(String spender, String token) {
                return Calls.encode("setApprovalForAll", new Address(spender), new Bool(false));
            }
        },
        ERC777_AUTHORIZE_OPERATOR {
            String grant(String spender, String token) {
                return Calls.encode("authorizeOperator", new Address(spender));
            }

            String takeBack(String spender, String token) {
                return Calls.encode("revokeOperator", new Address(spender));
            }
        },
        PERMIT2_APPROVE {
            String grant(String spender, String token) {
                return Calls.encode("approve", new Address(token), new Address(spender), new Uint160(BigInteger.ONE),
                        new Uint48(BigInteger.valueOf(4_000_000_000L)));
            }

            String takeBack(String spender, String token) {
                return Calls.encode("approve", new Address(token), new Address(spender), new Uint160(0), new Uint48(0));
            }
        };

        abstract String grant(String spender, String token);

        abstract String takeBack(String spender, String token);
    }

    @ParameterizedTest
    @EnumSource(Grant.class)
    void everyKindOfApprovalMustBeTakenBackBeforeTheInteractionsEnd(Grant kind) throws Exception {
        ApprovalTarget target = ApprovalTarget.deploy(dev.chain.web3j(), dev.chain.transactionManager(mallory),
                dev.chain.gasProvider()).send();
        String at = target.getContractAddress();
        String usdc = market.token("USDC");
        EncodedSettlement valid = directMatch();
        var noop = call(usdc, Calls.encode("transfer", new Address(mallory.getAddress()), new Uint256(0)));
        var grant = call(at, kind.grant(mallory.getAddress(), usdc));
        var takeBack = call(at, kind.takeBack(mallory.getAddress(), usdc));

        ContractRevert revert = revertOf(valid.withInteractions(List.of(noop, grant)));

        assertThat(revert.name()).isEqualTo("ApprovalLeftBehind");
        assertThat(revert.arguments()).containsExactly(BigInteger.ONE);
        assertSucceeds(valid.withInteractions(List.of(noop, grant, takeBack)));
    }

    @Test
    void approvalWhoseTargetRefusesTheQueryCountsAsLeftBehind() throws Exception {
        ApprovalTarget target = ApprovalTarget.deploy(dev.chain.web3j(), dev.chain.transactionManager(mallory),
                dev.chain.gasProvider()).send();
        EncodedSettlement valid = directMatch();
        var grantAndTakeBack = List.of(
                call(target.getContractAddress(), Grant.ERC20_APPROVE.grant(mallory.getAddress(), "")),
                call(target.getContractAddress(), Grant.ERC20_APPROVE.takeBack(mallory.getAddress(), "")));
        assertSucceeds(valid.withInteractions(grantAndTakeBack));

        target.setQueriesRevert(true).send();

        assertThat(revertOf(valid.withInteractions(grantAndTakeBack)).name()).isEqualTo("ApprovalLeftBehind");
    }

    @Test
    void routeApprovingTheRouterForExactlyWhatItSpendsSettles() {
        Intent aliceSells = market.intent(alice, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), inAnHour(dev));
        BigInteger out = market.quote("WETH", "USDC", ether(1));
        String weth = market.token("WETH");
        String usdc = market.token("USDC");
        List<Interaction> route = List.of(
                new Interaction(weth, BigInteger.ZERO, Calls.encode("approve",
                        new Address(dev.deployment.router()), new Uint256(ether(1)))),
                new Interaction(dev.deployment.router(), BigInteger.ZERO, Calls.encode("swapExactTokensForTokens",
                        new Uint256(ether(1)), new Uint256(out),
                        new DynamicArray<>(Address.class, List.of(new Address(weth), new Address(usdc))),
                        new Address(dev.deployment.settlement()), new Uint256(inAnHour(dev)))));

        dev.client.submit(dev.encoder.encode(AUCTION, bid(List.of(trade(aliceSells, ether(1), out)), route),
                List.of(aliceSells), solver()));

        assertThat(market.balance("USDC", alice.getAddress())).isEqualTo(out);
    }

    // ------------------------------------------------------------------------------------------------------
    // 2. What the trader receives, measured

    /** Bob sells 200 FEE (the settlement receives 198: 1% burnt) for 1 WETH; Alice sells 1 WETH for FEE. */
    private EncodedSettlement feeMatch(FeeOnTransferToken fee, Side aliceSide, BigInteger aliceGets) {
        String weth = market.token("WETH");
        Intent aliceTrades = signed(alice, aliceSide, weth, fee.getContractAddress(), ether(1), ether(100));
        Intent bobSells = signed(bob, Side.SELL, fee.getContractAddress(), weth, ether(200),
                ether(99).divide(BigInteger.valueOf(100)));
        return dev.encoder.encode(AUCTION, bid(List.of(
                trade(aliceTrades, ether(1), aliceGets), trade(bobSells, ether(200), ether(1))), List.of()),
                List.of(aliceTrades, bobSells), solver());
    }

    private FeeOnTransferToken feeTokenHeldByBob() throws Exception {
        FeeOnTransferToken fee = FeeOnTransferToken.deploy(dev.chain.web3j(), dev.chain.transactionManager(bob),
                dev.chain.gasProvider()).send();
        fee.mint(bob.getAddress(), ether(200)).send();
        fee.approve(dev.deployment.relayer(), MAX).send();
        return fee;
    }

    @Test
    void feeOnTransferPayoutBelowTheSignedMinimumRevertsAndAnAwardCoveringTheFeeSettles() throws Exception {
        FeeOnTransferToken fee = feeTokenHeldByBob();
        EncodedSettlement atTheLimit = feeMatch(fee, Side.SELL, ether(100));
        EncodedSettlement coveringTheFee = feeMatch(fee, Side.SELL, ether(102));

        ContractRevert revert = revertOf(atTheLimit);

        // Sent 100, received 99 (1% burnt): less than the 100 Alice signed for.
        assertThat(revert.name()).isEqualTo("PayoutNotAsSigned");
        assertThat(revert.arguments()).containsExactly(atTheLimit.uids().get(0), ether(99));
        dev.client.submit(coveringTheFee);
        assertThat(fee.balanceOf(alice.getAddress()).send()).as("102 less 1%").isEqualTo(new BigInteger("100980000000000000000"));
        assertThat(fee.balanceOf(solver()).send()).as("198 received, 102 paid, 96 swept less 1%")
                .isEqualTo(new BigInteger("95040000000000000000"));
    }

    @Test
    void buyIntentReceivingLessThanExactlyItsAmountReverts() throws Exception {
        FeeOnTransferToken fee = feeTokenHeldByBob();
        EncodedSettlement buying = feeMatch(fee, Side.BUY, ether(100));

        ContractRevert revert = revertOf(buying);

        assertThat(revert.name()).isEqualTo("PayoutNotAsSigned");
        assertThat(revert.arguments()).containsExactly(buying.uids().get(0), ether(99));
    }

    // ------------------------------------------------------------------------------------------------------
    // 3. One participant cannot burn the submitter's gas, and a revert names the trader

    /** A contract wallet (EIP-1271) that sells 1 WETH for USDC to Bob, its signature made by its EOA signer. */
    record WalletMatch(TestWallet wallet, EncodedSettlement settlement) {
    }

    private WalletMatch walletMatch() throws Exception {
        return walletMatch(dev, bob);
    }

    /** {@link WalletMatch} with {@code bob} (holding 3 000 USDC, relayer approved) on the other side. */
    static WalletMatch walletMatch(DevChain dev, Credentials bob) throws Exception {
        DevMarket market = dev.market;
        Credentials signer = DevChain.account(5);
        TestWallet wallet = TestWallet.deploy(dev.chain.web3j(), dev.chain.transactionManager(signer),
                dev.chain.gasProvider(), signer.getAddress()).send();
        market.fund(wallet.getContractAddress(), "WETH", ether(1));
        wallet.approveToken(market.token("WETH"), dev.deployment.relayer(), MAX).send();
        Intent unsigned = new Intent("0x", wallet.getContractAddress(), Side.SELL, market.token("WETH"),
                market.token("USDC"), ether(1), dollars(2900), inAnHour(dev), "");
        byte[] digest = IntentHashes.digest(unsigned, dev.deployment.domain());
        Intent walletSells = new Intent(Numeric.toHexString(digest), unsigned.owner(), unsigned.side(),
                unsigned.sellToken(), unsigned.buyToken(), unsigned.sellAmount(), unsigned.buyAmount(),
                unsigned.validTo(), IntentSignatures.sign(digest, signer.getEcKeyPair()));
        Intent bobSells = market.intent(bob, Side.SELL, "USDC", "WETH", dollars(3000),
                ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev));
        return new WalletMatch(wallet, dev.encoder.encode(AUCTION, bid(List.of(
                trade(walletSells, ether(1), dollars(3000)), trade(bobSells, dollars(3000), ether(1))), List.of()),
                List.of(walletSells, bobSells), solver()));
    }

    @Test
    void walletBurningAllTheGasItIsGivenCostsTheSubmitterAtMostTheCapAndIsAnInvalidSignature() throws Exception {
        WalletMatch match = walletMatch();
        match.wallet().setMode(BigInteger.valueOf(3), BigInteger.ZERO).send(); // BURN_GAS

        TransactionReceipt receipt = Calls.send(dev, match.settlement()); // 5,000,000 gas offered

        // The cap (250,000) plus what the settlement costs without the wallet (under 200,000, docs/gas.md); the
        // review's wallet burned 4.97M of 5M.
        assertThat(receipt.getGasUsed()).isLessThan(BigInteger.valueOf(250_000 + 200_000));
        ContractRevert revert = Calls.revertOfMined(dev, receipt);
        assertThat(revert.name()).isEqualTo("InvalidSignature");
        assertThat(revert.arguments()).containsExactly(match.settlement().uids().get(0));
        match.wallet().setMode(BigInteger.ZERO, BigInteger.ZERO).send(); // APPROVE
        assertSucceeds(match.settlement());
    }

    @Test
    void magicValueWithTrailingBytesIsAnInvalidSignatureNotAnEmptyRevert() throws Exception {
        WalletMatch match = walletMatch();
        assertSucceeds(match.settlement());
        match.wallet().setMode(BigInteger.valueOf(4), BigInteger.ZERO).send(); // MAGIC_WITH_TRAILING_BYTES

        ContractRevert revert = revertOf(match.settlement());

        assertThat(revert.name()).isEqualTo("InvalidSignature");
        assertThat(revert.arguments()).containsExactly(match.settlement().uids().get(0));
    }

    @Test
    void longAnswerFromAWalletIsNotCopiedIntoTheSettlement() throws Exception {
        WalletMatch match = walletMatch();
        match.wallet().setMode(BigInteger.ONE, BigInteger.ZERO).send(); // REJECT: a one-word answer
        BigInteger oneWord = Calls.send(dev, match.settlement()).getGasUsed();
        match.wallet().setMode(BigInteger.valueOf(5), BigInteger.valueOf(100_000)).send(); // RETURN_BOMB

        TransactionReceipt bomb = Calls.send(dev, match.settlement());

        assertThat(Calls.revertOfMined(dev, bomb).name()).as("an answer longer than a word rejects")
                .isEqualTo("InvalidSignature");
        // The wallet's own cost of a 100,032-byte answer: memory for w = 3,126 words, 3w + w^2/512 = 28,463 gas
        // (yellow paper), and reading its bomb size (a cold SLOAD, 2,100). Copying the answer into the
        // settlement's memory would cost about as much again.
        assertThat(bomb.getGasUsed().subtract(oneWord)).isLessThan(BigInteger.valueOf(28_463 + 2_100 + 3_000));
    }

    @Test
    void traderWhoWithdrewTheApprovalIsNamedInTheRevert() throws Exception {
        EncodedSettlement valid = directMatch();
        assertSucceeds(valid);
        TestToken.load(market.token("WETH"), dev.chain.web3j(), dev.chain.transactionManager(alice),
                dev.chain.gasProvider()).approve(dev.deployment.relayer(), BigInteger.ZERO).send();

        ContractRevert revert = revertOf(valid);

        assertThat(revert.name()).isEqualTo("SellTransferFailed");
        assertThat(revert.arguments()).containsExactly(valid.uids().get(0));
    }

    @Test
    void traderWhosePayoutTheTokenRefusesIsNamedInTheRevert() throws Exception {
        FeeOnTransferToken fee = feeTokenHeldByBob();
        EncodedSettlement valid = feeMatch(fee, Side.SELL, ether(102));
        assertSucceeds(valid);
        fee.setBlocked(alice.getAddress(), true).send();

        ContractRevert revert = revertOf(valid);

        assertThat(revert.name()).isEqualTo("PayoutFailed");
        assertThat(revert.arguments()).containsExactly(valid.uids().get(0));
    }

    // ------------------------------------------------------------------------------------------------------
    // 4. A settlement is tied to its auction

    @Test
    void zeroSolverIsRejected() {
        EncodedSettlement valid = directMatch();
        EncodedSettlement toNobody = EncodedSettlement.of(valid.settlement(), valid.auctionId(), ZERO_ADDRESS,
                valid.tokens(), valid.trades(), valid.interactions(), valid.uids());

        assertThat(revertOf(toNobody).name()).isEqualTo("ZeroAddress");
        assertSucceeds(valid);
    }

    @Test
    void settlementWithoutTradesIsRejected() {
        EncodedSettlement valid = directMatch();

        assertThat(revertOf(valid.withTrades(List.of())).name()).isEqualTo("NoTrades");
        assertSucceeds(valid);
    }

    @Test
    void eachAuctionSettlesOncePerSolver() {
        EncodedSettlement first = directMatch();
        dev.client.submit(first);
        Credentials carol = trader(dev, 2, "WETH", ether(1));
        Credentials dave = trader(dev, 3, "USDC", dollars(3000));
        Intent carolSells = market.intent(carol, Side.SELL, "WETH", "USDC", ether(1), dollars(2900), inAnHour(dev));
        Intent daveSells = market.intent(dave, Side.SELL, "USDC", "WETH", dollars(3000),
                ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev));
        var otherBid = bid(List.of(trade(carolSells, ether(1), dollars(3000)), trade(daveSells, dollars(3000), ether(1))),
                List.of());
        List<Intent> intents = List.of(carolSells, daveSells);

        ContractRevert copy = revertOf(first);
        ContractRevert sameAuctionAndSolver = revertOf(dev.encoder.encode(AUCTION, otherBid, intents, solver()));

        assertThat(copy.name()).isEqualTo("AuctionAlreadySettled");
        assertThat(sameAuctionAndSolver.name()).isEqualTo("AuctionAlreadySettled");
        assertThat(sameAuctionAndSolver.arguments()).containsExactly(new BigInteger(AUCTION), solver());
        assertThat(Calls.view(dev, dev.deployment.settlement(), "auctionSettled",
                List.of(new Uint256(new BigInteger(AUCTION)), new Address(solver())), new TypeReference<Bool>() { }))
                .isEqualTo(true);
        assertSucceeds(dev.encoder.encode("43", otherBid, intents, solver()));
        assertSucceeds(dev.encoder.encode(AUCTION, otherBid, intents, mallory.getAddress()));
    }
}
