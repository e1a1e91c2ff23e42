package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.chain.contracts.Settlement;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import java.math.BigInteger;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.utils.Numeric;

/** The Java EIP-712 hashing equals the contract's own, bit for bit, for random intents (seeded; seed in every failure). */
@ExtendWith(DevChain.Fresh.class)
class IntentHashesTest {
    private DevChain dev;
    private Settlement settlement;

    @BeforeEach
    void setUp(DevChain dev) {
        this.dev = dev;
        settlement = Settlement.load(dev.deployment.settlement(), dev.chain.web3j(),
                new ReadonlyTransactionManager(dev.chain.web3j(), dev.submitter.getAddress()), dev.chain.gasProvider());
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    /** A random intent: random addresses, amounts of every bit length up to 256, any uint32 validTo, either side. */
    static Intent randomIntent(long seed) {
        Random random = new Random(seed);
        return new Intent("0x", randomAddress(random), random.nextBoolean() ? Side.SELL : Side.BUY,
                randomAddress(random), randomAddress(random), randomAmount(random), randomAmount(random),
                random.nextLong() & 0xFFFF_FFFFL, "");
    }

    private static String randomAddress(Random random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return Numeric.toHexString(bytes);
    }

    private static BigInteger randomAmount(Random random) {
        BigInteger amount = new BigInteger(1 + random.nextInt(256), random);
        return amount.signum() == 0 ? BigInteger.ONE : amount;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void javaIntentUidEqualsTheContractsDigest(long seed) throws Exception {
        Intent intent = randomIntent(seed);
        byte[] onChain = settlement.intentUid(new Settlement.Intent(intent.owner(), intent.sellToken(),
                intent.buyToken(), intent.sellAmount(), intent.buyAmount(), BigInteger.valueOf(intent.validTo()),
                BigInteger.valueOf(IntentHashes.sideCode(intent.side())))).send();
        assertThat(IntentHashes.uid(intent, dev.deployment.domain()))
                .as("seed %d: %s", seed, intent)
                .isEqualTo(Numeric.toHexString(onChain));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void javaCancellationDigestEqualsTheContracts(long seed) throws Exception {
        String uid = IntentHashes.uid(randomIntent(seed), dev.deployment.domain());
        byte[] onChain = settlement.cancellationDigest(Numeric.hexStringToByteArray(uid)).send();
        assertThat(Numeric.toHexString(IntentHashes.cancellationDigest(uid, dev.deployment.domain())))
                .as("seed %d", seed)
                .isEqualTo(Numeric.toHexString(onChain));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void typedDataForWalletsHashesToTheSameDigest(long seed) throws Exception {
        Intent intent = randomIntent(seed);
        Eip712Domain domain = dev.deployment.domain();
        byte[] walletDigest = new StructuredDataEncoder(IntentHashes.typedDataJson(intent, domain)).hashStructuredData();
        assertThat(Numeric.toHexString(walletDigest)).as("seed %d", seed).isEqualTo(IntentHashes.uid(intent, domain));
    }

    @Test
    void domainSeparatorAndTypeStringsMatchTheContract() throws Exception {
        assertThat(Numeric.toHexString(dev.deployment.domain().separator()))
                .isEqualTo(Numeric.toHexString(settlement.domainSeparator().send()));
        assertThat(settlement.INTENT_TYPE().send()).isEqualTo(IntentHashes.INTENT_TYPE);
        assertThat(settlement.CANCELLATION_TYPE().send()).isEqualTo(IntentHashes.CANCELLATION_TYPE);
    }

    @Test
    void signatureRecoversTheOwnerAndItsHighSTwinIsRejected() {
        var owner = DevChain.account(0);
        Intent signed = dev.market.intent(owner, Side.SELL, "WETH", "USDC", BigInteger.TEN, BigInteger.ONE, 1L << 31);
        byte[] digest = IntentHashes.digest(signed, dev.deployment.domain());
        assertThat(IntentSignatures.recover(digest, signed.signature())).contains(owner.getAddress());
        assertThat(IntentSignatures.recover(digest, Signatures.malleableTwin(signed.signature()))).isEmpty();
    }
}
