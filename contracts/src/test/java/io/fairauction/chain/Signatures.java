package io.fairauction.chain;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Signature tampering for tests. */
final class Signatures {
    private Signatures() {
    }

    /** The other valid ECDSA signature of the same digest by the same key: (r, n - s, v flipped). */
    static String malleableTwin(String signature) {
        byte[] sig = Numeric.hexStringToByteArray(signature);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] twinS = Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
        System.arraycopy(twinS, 0, sig, 32, 32);
        sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
        return Numeric.toHexString(sig);
    }
}
