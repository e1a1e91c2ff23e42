package io.fairauction.chain;

import io.fairauction.core.model.Intent;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signing of intents and cancellations with an EOA key, and recovery of the signer with the rules
 * {@code Settlement.sol} applies: 65 bytes r‖s‖v, v 27 or 28, s in the lower half of the curve order (EIP-2).
 * Contract owners (EIP-1271) are checked on chain only.
 */
public final class IntentSignatures {
    /** secp256k1n / 2: a larger s has a twin signature (n - s) and is rejected as malleable. */
    public static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

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
     * (high s), has a v other than 27 or 28, or recovers no address.
     */
    public static Optional<String> recover(byte[] digest, String signature) {
        byte[] sig;
        try {
            sig = Words.requireHex(signature, ChainError.SIGNATURE_MALFORMED, "signature");
        } catch (ChainException e) {
            return Optional.empty();
        }
        if (sig.length != 65) {
            return Optional.empty();
        }
        byte[] r = Arrays.copyOfRange(sig, 0, 32);
        byte[] s = Arrays.copyOfRange(sig, 32, 64);
        byte v = sig[64];
        if (new BigInteger(1, s).compareTo(HALF_CURVE_ORDER) > 0 || (v != 27 && v != 28)) {
            return Optional.empty();
        }
        try {
            BigInteger key = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(v, r, s));
            return Optional.of("0x" + Keys.getAddress(key));
        } catch (java.security.SignatureException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
