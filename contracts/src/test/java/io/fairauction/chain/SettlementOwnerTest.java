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
import io.fairauction.chain.contracts.test.ReentrantToken;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * What the owner can do, on a real Anvil: two-step ownership transfer, submitters, and rescuing funds that reached
 * the settlement outside a settlement. Functions are called by their Solidity signature, so this class also runs
 * against the contract as it was before the fixes (where the two-step and rescue tests fail).
 */
@ExtendWith(DevChain.Fresh.class)
class SettlementOwnerTest {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private DevChain dev;
    private String settlement;
    private final Credentials newOwner = DevChain.account(6);
    private final Credentials stranger = DevChain.account(20);

    @BeforeEach
    void setUp(DevChain dev) {
        this.dev = dev;
        this.settlement = dev.deployment.settlement();
    }

    private static String transferOwnership(String to) {
        return Calls.encode("transferOwnership", new Address(to));
    }

    private static String rescue(String token, String to, BigInteger amount) {
        return Calls.encode("rescue", new Address(token), new Address(to), new Uint256(amount));
    }

    private void assertOk(Credentials from, String data) {
        assertThat(Calls.send(dev, from, settlement, data).isStatusOK()).as("transaction succeeded").isTrue();
    }

    private ContractRevert revertOf(Credentials from, String data) {
        return Calls.simulate(dev, from, settlement, data).orElseThrow(() -> new AssertionError("did not revert"));
    }

    @Test
    void transferOwnershipOnlyProposesAndTheProposedAddressTakesOverWhenItAccepts() {
        assertOk(dev.deployer, transferOwnership(newOwner.getAddress()));

        assertThat(Calls.addressView(dev, settlement, "owner")).as("unchanged until accepted")
                .isEqualTo(dev.deployer.getAddress());
        assertThat(Calls.addressView(dev, settlement, "pendingOwner")).isEqualTo(newOwner.getAddress());
        assertThat(revertOf(stranger, Calls.encode("acceptOwnership")).name()).isEqualTo("Unauthorised");

        assertOk(newOwner, Calls.encode("acceptOwnership"));

        assertThat(Calls.addressView(dev, settlement, "owner")).isEqualTo(newOwner.getAddress());
        assertThat(Calls.addressView(dev, settlement, "pendingOwner")).isEqualTo(ZERO_ADDRESS);
        String authorise = Calls.encode("setSubmitter", new Address(stranger.getAddress()), new Bool(true));
        assertThat(revertOf(dev.deployer, authorise).name()).as("the former owner").isEqualTo("Unauthorised");
        assertThat(Calls.simulate(dev, newOwner, settlement, authorise)).as("the new owner").isEmpty();
    }

    @Test
    void strangerCannotTransferOwnershipNorTheOwnerToTheZeroAddress() {
        assertThat(revertOf(stranger, transferOwnership(stranger.getAddress())).name()).isEqualTo("Unauthorised");
        assertThat(revertOf(dev.deployer, transferOwnership(ZERO_ADDRESS)).name()).isEqualTo("ZeroAddress");
        assertThat(Calls.simulate(dev, dev.deployer, settlement, transferOwnership(newOwner.getAddress())))
                .as("the owner proposing an address").isEmpty();
    }

    @Test
    void constructorRefusesTheZeroAddressAsOwner() {
        String withZero = Settlement.BINARY + FunctionEncoder.encodeConstructor(List.of(new Address(ZERO_ADDRESS)));
        String withOwner = Settlement.BINARY + FunctionEncoder.encodeConstructor(List.of(new Address(newOwner.getAddress())));

        assertThat(dev.chain.simulate(dev.deployer.getAddress(), null, withZero))
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("ZeroAddress"));
        assertThat(dev.chain.simulate(dev.deployer.getAddress(), null, withOwner)).as("a real owner").isEmpty();
    }

    @Test
    void ownerRescuesTokensAndEtherThatReachedTheSettlementOutsideASettlement() {
        Credentials recipient = DevChain.account(7);
        dev.market.fund(settlement, "USDC", dollars(100));
        assertThat(Calls.send(dev, dev.deployer, settlement, "0x", ether(1)).isStatusOK()).isTrue();
        BigInteger etherBefore = Calls.etherBalance(dev, recipient.getAddress());

        assertOk(dev.deployer, rescue(dev.market.token("USDC"), recipient.getAddress(), dollars(100)));
        assertOk(dev.deployer, rescue(ZERO_ADDRESS, recipient.getAddress(), ether(1)));

        assertThat(dev.market.balance("USDC", recipient.getAddress())).isEqualTo(dollars(100));
        assertThat(dev.market.balance("USDC", settlement)).isZero();
        assertThat(Calls.etherBalance(dev, recipient.getAddress()).subtract(etherBefore)).isEqualTo(ether(1));
        assertThat(Calls.etherBalance(dev, settlement)).isZero();
    }

    @Test
    void onlyTheOwnerRescuesAndNeverToTheZeroAddress() {
        dev.market.fund(settlement, "USDC", dollars(100));
        String usdc = dev.market.token("USDC");

        assertThat(revertOf(stranger, rescue(usdc, stranger.getAddress(), dollars(100))).name()).isEqualTo("Unauthorised");
        assertThat(revertOf(dev.deployer, rescue(usdc, ZERO_ADDRESS, dollars(100))).name()).isEqualTo("ZeroAddress");
        assertThat(Calls.simulate(dev, dev.deployer, settlement, rescue(usdc, newOwner.getAddress(), dollars(100))))
                .as("the owner, to a real address").isEmpty();
    }

    /** An owner that gets control during a settlement (here a token that is also the owner) cannot rescue then. */
    @Test
    void ownerCannotRescueWhileASettlementHoldsFundsInFlight() throws Exception {
        Credentials alice = DevChain.account(0);
        Credentials bob = trader(dev, 1, "USDC", dollars(3000));
        ReentrantToken token = ReentrantToken.deploy(dev.chain.web3j(), dev.chain.transactionManager(alice),
                dev.chain.gasProvider()).send();
        token.mint(alice.getAddress(), ether(1)).send();
        token.approve(dev.deployment.relayer(), ether(1)).send();
        // The token becomes the owner: proposed, then accepted from inside one of its own transfers.
        assertOk(dev.deployer, transferOwnership(token.getContractAddress()));
        token.arm(settlement, Numeric.hexStringToByteArray(Calls.encode("acceptOwnership"))).send();
        token.transfer(alice.getAddress(), BigInteger.ZERO).send();
        assertThat(Calls.addressView(dev, settlement, "owner")).isEqualTo(token.getContractAddress().toLowerCase(java.util.Locale.ROOT));

        Intent aliceSells = IntentSignatures.sign(new Intent("0x", alice.getAddress(), Side.SELL,
                token.getContractAddress(), dev.market.token("USDC"), ether(1), dollars(2900), inAnHour(dev), ""),
                alice.getEcKeyPair(), dev.deployment.domain());
        Intent bobSells = IntentSignatures.sign(new Intent("0x", bob.getAddress(), Side.SELL, dev.market.token("USDC"),
                token.getContractAddress(), dollars(3000), ether(99).divide(BigInteger.valueOf(100)), inAnHour(dev), ""),
                bob.getEcKeyPair(), dev.deployment.domain());
        // Bob's USDC is pulled first; when Alice's token moves, the owner tries to rescue that USDC.
        token.arm(settlement, Numeric.hexStringToByteArray(
                rescue(dev.market.token("USDC"), stranger.getAddress(), dollars(3000)))).send();

        dev.client.submit(dev.encoder.encode(AUCTION, bid(List.of(
                trade(bobSells, dollars(3000), ether(1)), trade(aliceSells, ether(1), dollars(3000))), List.of()),
                List.of(bobSells, aliceSells), solver()));

        assertThat(token.reentryAttempted().send()).isTrue();
        assertThat(ContractErrors.decode(Numeric.toHexString(token.reentryRevertData().send())).name())
                .isEqualTo("Reentrancy");
        assertThat(dev.market.balance("USDC", alice.getAddress())).isEqualTo(dollars(3000));
        assertThat(dev.market.balance("USDC", stranger.getAddress())).isZero();
    }
}
