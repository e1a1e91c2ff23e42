package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * Signer recovery against two references it does not share code with: the EVM's own {@code ecrecover} precompile
 * (address 0x01) on Anvil, which is what the settlement contract runs, and the other implementation (libsecp256k1
 * natively, BouncyCastle in Java): the intake must accept exactly the signatures the chain accepts.
 */
class SignerRecoveryTest {
    /** secp256k1's field prime p, written out (SEC 2, section 2.4.1): r in [n, p) is an x coordinate but not valid. */
    private static final BigInteger P =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
    /** The group order n, written out (SEC 2, section 2.4.1), not taken from the code under test. */
    private static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private static Anvil anvil;
    private static Chain chain;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        chain = Chain.connect(anvil.rpcUrl());
    }

    @AfterAll
    static void stop() {
        if (chain != null) {
            chain.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void nativeLibraryLoadsOnThisPlatform() {
        // Linux x86-64 and aarch64, macOS and Windows ship in the jar; elsewhere the Java path answers the same.
        assertThat(IntentSignatures.NATIVE).as("libsecp256k1 through JNI").isNotNull();
    }

    @Test
    void constantsAreTheStandardOnes() {
        assertThat(IntentSignatures.CURVE_ORDER).isEqualTo(N);
        assertThat(IntentSignatures.HALF_CURVE_ORDER).isEqualTo(N.shiftRight(1));
    }

    /** Real signatures by random keys: every path recovers the key's address, and so does the chain. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void recoversTheSignerLikeTheChain(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        ECKeyPair key = ECKeyPair.create(new BigInteger(255, new java.util.Random(seed)).add(BigInteger.ONE));
        byte[] digest = bytes(random, 32);
        String signature = IntentSignatures.sign(digest, key);
        String owner = "0x" + Keys.getAddress(key);
        assertThat(IntentSignatures.recover(digest, signature)).contains(owner);
        byte[] sig = Numeric.hexStringToByteArray(signature);
        assertThat(IntentSignatures.recoverJava(digest, sig)).contains(owner);
        assertThat(IntentSignatures.recoverNative(IntentSignatures.NATIVE, digest, sig)).contains(owner);
        assertThat(ecrecover(digest, sig)).contains(owner);
    }

    /**
     * Arbitrary 65-byte signatures (no key behind them; r, s and v drawn around every boundary): recovery gives an
     * address exactly when the precompile does, the same one, and native and Java agree on every input.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void acceptsExactlyWhatEcrecoverAccepts(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed * 7919 + 1);
        for (int i = 0; i < 8; i++) {
            byte[] digest = bytes(random, 32);
            BigInteger r = pick(random, List.of(BigInteger.ZERO, BigInteger.ONE, N.subtract(BigInteger.ONE), N,
                    N.add(BigInteger.ONE), P.subtract(BigInteger.ONE), P, BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
            BigInteger s = random.nextBoolean() ? new BigInteger(1, bytes(random, 32)).shiftRight(1) : pick(random, List.of(BigInteger.ZERO, BigInteger.ONE, N.shiftRight(1),
                    N.shiftRight(1).add(BigInteger.ONE), N.subtract(BigInteger.ONE), N));
            int v = random.nextInt(10) == 0 ? 26 + random.nextInt(5) : 27 + random.nextInt(2);
            byte[] sig = new byte[65];
            System.arraycopy(Numeric.toBytesPadded(r, 32), 0, sig, 0, 32);
            System.arraycopy(Numeric.toBytesPadded(s, 32), 0, sig, 32, 32);
            sig[64] = (byte) v;
            String hex = Numeric.toHexString(sig);

            Optional<String> ours = IntentSignatures.recover(digest, hex);
            Optional<String> evm = s.compareTo(N.shiftRight(1)) > 0 ? Optional.empty() : ecrecover(digest, sig);
            assertThat(ours).as("r=%s s=%s v=%d", r.toString(16), s.toString(16), v).isEqualTo(evm);
            if (IntentSignatures.wellFormed(digest, hex) != null) {
                assertThat(IntentSignatures.recoverNative(IntentSignatures.NATIVE, digest, sig))
                        .isEqualTo(IntentSignatures.recoverJava(digest, sig));
            }
        }
    }

    /**
     * Without the range rule, BouncyCastle recovers a key for some r in (n, p): signatures the chain refuses (and
     * r = n made web3j throw an unchecked ArithmeticException, which the intake would have answered with a 500).
     */
    @Test
    void rangeRuleIsWhatKeepsTheJavaPathInLineWithTheChain() throws Exception {
        byte[] digest = bytes(new SplittableRandom(3), 32);
        int found = 0;
        for (BigInteger r = N.add(BigInteger.ONE); r.compareTo(N.add(BigInteger.valueOf(20))) < 0; r = r.add(BigInteger.ONE)) {
            byte[] sig = new byte[65];
            System.arraycopy(Numeric.toBytesPadded(r, 32), 0, sig, 0, 32);
            System.arraycopy(Numeric.toBytesPadded(BigInteger.ONE, 32), 0, sig, 32, 32);
            sig[64] = 27;
            if (IntentSignatures.recoverJava(digest, sig).isPresent()) {
                found++;
                assertThat(ecrecover(digest, sig)).isEmpty();
                assertThat(IntentSignatures.recover(digest, Numeric.toHexString(sig))).isEmpty();
            }
        }
        assertThat(found).as("some r in [n, n+20) is an x coordinate BouncyCastle accepts").isPositive();
    }

    static Stream<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 40; s++) {
            seeds.add(s);
        }
        return seeds.stream();
    }

    /** The EVM's answer: the precompile at 0x01 takes digest, v, r, s as four words and returns the address or nothing. */
    private static Optional<String> ecrecover(byte[] digest, byte[] sig) throws Exception {
        byte[] input = new byte[128];
        System.arraycopy(digest, 0, input, 0, 32);
        input[63] = sig[64];
        System.arraycopy(sig, 0, input, 64, 64);
        String out = chain.web3j().ethCall(Transaction.createEthCallTransaction(null,
                        "0x0000000000000000000000000000000000000001", Numeric.toHexString(input)),
                DefaultBlockParameterName.LATEST).send().getValue();
        if (out == null || out.length() < 66) {
            return Optional.empty();
        }
        return Optional.of("0x" + out.substring(out.length() - 40));
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** A boundary value half the time, else a uniformly random 256-bit number. */
    private static BigInteger pick(SplittableRandom random, List<BigInteger> boundaries) {
        if (random.nextBoolean()) {
            return boundaries.get(random.nextInt(boundaries.size()));
        }
        return new BigInteger(1, bytes(random, 32));
    }
}
