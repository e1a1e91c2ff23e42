package io.fairauction.chain;

/** Machine-readable reasons the chain toolkit refuses an input or an operation fails. */
public enum ChainError {
    /** An address that is not 0x followed by 40 hex digits. */
    ADDRESS_INVALID,
    /** An auction id that is not a decimal integer in the uint256 range. */
    AUCTION_ID_INVALID,
    /** An amount or value outside 0..2^256-1. */
    AMOUNT_OUT_OF_RANGE,
    /** A validTo outside the uint32 range the contract signs. */
    VALID_TO_OUT_OF_RANGE,
    /** A bid with no trade. */
    BID_EMPTY,
    /** A trade names an intent the caller did not supply. */
    TRADE_INTENT_UNKNOWN,
    /** The same intent appears twice in one bid. */
    TRADE_DUPLICATE,
    /** A trade does not respect its intent's fill-or-kill amounts and signed limit. */
    LIMIT_VIOLATED,
    /** An intent without a signature. */
    SIGNATURE_MISSING,
    /** A signature that is not hex, or an ECDSA signature that is not 65 bytes. */
    SIGNATURE_MALFORMED,
    /** The intent's uid is not its EIP-712 digest under this deployment's domain (another chain, another
     *  deployment, or altered fields). */
    UID_MISMATCH,
    /** Hex call data that does not parse. */
    CALL_DATA_MALFORMED,
    /** An interaction whose target is the settlement or the relayer. */
    INTERACTION_FORBIDDEN,
    /** The chain answered with a revert; the decoded contract error is attached. */
    SETTLEMENT_REVERTED,
    /** The RPC endpoint did not answer, or answered with an error. */
    RPC_FAILED,
    /** A deployment JSON file that is missing, unreadable, or describes another chain. */
    DEPLOYMENT_INVALID,
    /** Anvil could not be installed from the npm registry. */
    ANVIL_INSTALL_FAILED,
    /** Anvil did not start or did not answer in time. */
    ANVIL_START_FAILED,
    /** No Anvil package is published for this operating system and processor. */
    ANVIL_UNSUPPORTED_PLATFORM
}
