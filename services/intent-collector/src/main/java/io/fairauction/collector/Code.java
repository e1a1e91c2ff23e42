package io.fairauction.collector;

/**
 * Every refusal the collector answers, with its machine-readable code (the {@code "code"} of the JSON error body,
 * and the {@code code} tag of the {@code collector.rejected} counter) and its HTTP status.
 */
public enum Code {
    /** The body is not JSON, or not a JSON object. */
    UNPARSABLE_JSON("unparsable-json", 400),
    /** A required field is absent or null. */
    MISSING_FIELD("missing-field", 400),
    /** A field has the wrong JSON type or format (address, hex, decimal string, side). */
    MISTYPED_FIELD("mistyped-field", 400),
    /** A field the API does not know (a typo would otherwise be silently ignored). */
    UNKNOWN_FIELD("unknown-field", 400),
    /** An amount of zero. */
    ZERO_AMOUNT("zero-amount", 422),
    /** An amount over 2^256-1. */
    AMOUNT_TOO_LARGE("amount-too-large", 422),
    /** Sell and buy token are the same. */
    SAME_TOKEN("same-token", 422),
    /** A token that is not one of the deployment's. */
    UNKNOWN_TOKEN("unknown-token", 422),
    /** validTo is in the past or closer than the configured minimum. */
    EXPIRED("expired", 422),
    /** validTo is further ahead than the configured maximum. */
    VALID_TO_TOO_FAR("valid-to-too-far", 422),
    /** The uid given is not this deployment's digest of the intent: signed for another chain or deployment. */
    WRONG_DOMAIN("wrong-domain", 422),
    /** The signature is malformed or does not recover to the owner. */
    BAD_SIGNATURE("bad-signature", 422),
    /** The owner is a contract (EIP-1271): the collector does not verify contract signatures. */
    CONTRACT_OWNER_UNSUPPORTED("contract-owner-unsupported", 422),
    /** The owner holds less of the sell token than the sell amount. */
    INSUFFICIENT_BALANCE("insufficient-balance", 422),
    /** The owner has approved the relayer for less of the sell token than the sell amount. */
    INSUFFICIENT_ALLOWANCE("insufficient-allowance", 422),
    /** The body is over the configured size cap. */
    BODY_TOO_LARGE("body-too-large", 413),
    /** The owner's request bucket is empty. */
    RATE_LIMITED("rate-limited", 429),
    /** A path uid that is not 0x and 64 hex digits. */
    MALFORMED_UID("malformed-uid", 400),
    /** No intent with that uid (yet) in the view. */
    UNKNOWN_INTENT("unknown-intent", 404),
    /** A cancellation signed by someone other than the intent's owner. */
    NOT_OWNER("not-owner", 403),
    /** A cancellation of a settled, expired or cancelled intent. */
    INTENT_FINAL("intent-final", 409),
    /** A path auction id that is not a non-negative integer. */
    MALFORMED_AUCTION_ID("malformed-auction-id", 400),
    /** No result for that auction (yet) in the view. */
    UNKNOWN_AUCTION("unknown-auction", 404),
    /** The chain did not answer a balance, allowance or code query: retry later. */
    CHAIN_UNAVAILABLE("chain-unavailable", 503),
    /** The broker did not acknowledge the event: nothing was accepted, retry later. */
    PUBLISH_FAILED("publish-failed", 503);

    private final String wire;
    private final int status;

    Code(String wire, int status) {
        this.wire = wire;
        this.status = status;
    }

    public String wire() {
        return wire;
    }

    public int status() {
        return status;
    }
}
