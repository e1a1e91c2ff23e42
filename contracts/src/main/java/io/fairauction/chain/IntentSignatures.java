package io.fairauction.chain;

import fr.acinq.secp256k1.Secp256k1;
import io.fairauction.core.model.Intent;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signing of intents and cancellations with an EOA key, and recovery of the signer with the rules
 * {@code Settlement.sol} applies: 65 bytes r‖s‖v, v 27 or 28, s in the lower half of the curve order (EIP-2).
 * Contract owners (EIP-1271) are checked on chain only.
 */
public final class IntentSignatures {
    /** secp256k1n, the order of the curve's group. */
    public static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();
    /** secp256k1n / 2: a larger s has a twin signature (n - s) and is rejected as malleable. */
    public static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

    private IntentSignatures() {
    }

    /**
     * The intent as {@code key}'s owner signs it under {@code domain}: uid set to its digest and the signature
     * filled in. The intent's owner must be {@code key}'s address.
     */
    public static Intent sign(Intent intent, ECKeyPair key, Eip712Domain domain) {
        String signer = "0x" + Keys.getAddress(key);
        if (!signer.equalsIgnoreCase(intent.owner())) {
            throw new IllegalArgumentException("key of " + signer + " cannot sign for owner " + intent.owner());
        }
        byte[] digest = IntentHashes.digest(intent, domain);
        return new Intent(Numeric.toHexString(digest), intent.owner(), intent.side(), intent.sellToken(),
                intent.buyToken(), intent.sellAmount(), intent.buyAmount(), intent.validTo(), sign(digest, key));
    }

    /** The owner's signature of a cancellation of the intent with uid {@code uid}, 0x-prefixed hex. */
    public static String signCancellation(String uid, ECKeyPair key, Eip712Domain domain) {
        return sign(IntentHashes.cancellationDigest(uid, domain), key);
    }

    /** 65 bytes r‖s‖v over a 32-byte digest (no message prefix), s canonical, v 27 or 28. */
    public static String sign(byte[] digest, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signMessage(digest, key, false);
        return Numeric.toHexString(Words.concat(sig.getR(), sig.getS(), sig.getV()));
    }

    /**
     * The address that signed {@code digest}, lower case; empty when the signature is malformed, malleable
     * (high s), has r or s outside [1, n-1] or a v other than 27 or 28 (where the EVM's {@code ecrecover} gives
     * nothing: Yellow Paper, appendix E), or recovers no address. Recovery runs in libsecp256k1 when its native
     * library loads on this platform, else in BouncyCastle; both give the same answers (SignerRecoveryTest).
     */
    public static Optional<String> recover(byte[] digest, String signature) {
        byte[] sig = wellFormed(digest, signature);
        if (sig == null) {
            return Optional.empty();
        }
        return NATIVE != null ? recoverNative(NATIVE, digest, sig) : recoverJava(digest, sig);
    }

    /** libsecp256k1, or null where its native library does not load (the pure-Java path is then used). */
    static final Secp256k1 NATIVE = loadNative();

    private static Secp256k1 loadNative() {
        if (Boolean.getBoolean("fair-auction.secp256k1.java")) {
            return null;
        }
        try {
            return Secp256k1.get();
        } catch (Throwable e) { // UnsatisfiedLinkError, missing platform: the Java path is slower, not wrong
            return null;
        }
    }

    /** The 65 signature bytes when every rule but the recovery itself holds, else null. */
    static byte[] wellFormed(byte[] digest, String signature) {
        if (digest == null || digest.length != 32) {
            return null;
        }
        byte[] sig;
        try {
            sig = Words.requireHex(signature, ChainError.SIGNATURE_MALFORMED, "signature");
        } catch (ChainException e) {
            return null;
        }
        if (sig.length != 65 || (sig[64] != 27 && sig[64] != 28)) {
            return null;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        if (r.signum() == 0 || r.compareTo(CURVE_ORDER) >= 0 || s.signum() == 0 || s.compareTo(HALF_CURVE_ORDER) > 0) {
            return null;
        }
        return sig;
    }

    static Optional<String> recoverNative(Secp256k1 secp, byte[] digest, byte[] sig) {
        byte[] key;
        try {
            key = secp.ecdsaRecover(Arrays.copyOf(sig, 64), digest, sig[64] - 27);
        } catch (RuntimeException e) { // no point with x = r on the curve
            return Optional.empty();
        }
        if (key == null || key.length != 65 || key[0] != 4) {
            return Optional.empty();
        }
        byte[] hash = Hash.sha3(Arrays.copyOfRange(key, 1, 65));
        return Optional.of(Numeric.toHexString(Arrays.copyOfRange(hash, 12, 32)));
    }

    static Optional<String> recoverJava(byte[] digest, byte[] sig) {
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(sig[64],
                    Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
            return Optional.of("0x" + Keys.getAddress(key));
        } catch (java.security.SignatureException | IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
