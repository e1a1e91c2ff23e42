package io.fairauction.solverapi;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 authentication of every body that crosses the wire, in both directions: the gateway signs requests
 * and notifications with the solver's secret, the solver signs its answer with the same secret. The signed message
 * is {@code timestamp + "." + body}, so a captured body cannot be replayed later under a fresh timestamp.
 */
public final class RequestSigning {
    /** The solver's id (requests) or the answering solver's id (responses). */
    public static final String SOLVER_HEADER = "X-Fair-Auction-Solver";
    /** Epoch milliseconds when the body was signed. */
    public static final String TIMESTAMP_HEADER = "X-Fair-Auction-Timestamp";
    /** Lower-case hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static final String SIGNATURE_HEADER = "X-Fair-Auction-Signature";
    /** How far a timestamp may be from the receiver's clock. */
    public static final long MAX_SKEW_MILLIS = 60_000;

    private RequestSigning() {
    }

    public static String sign(String secret, long timestampMillis, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(Long.toString(timestampMillis).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code signature} is the signature of the body at that time, and the time is within the skew. */
    public static boolean verify(String secret, String timestampHeader, String signature, byte[] body, long nowMillis) {
        if (timestampHeader == null || signature == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowMillis - ts) > MAX_SKEW_MILLIS) {
            return false;
        }
        byte[] expected = sign(secret, ts, body).getBytes(StandardCharsets.US_ASCII);
        // Constant time: a timing side channel must not reveal how much of a forged signature matched.
        return MessageDigest.isEqual(expected, signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
