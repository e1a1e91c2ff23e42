package io.fairauction.chain;

import java.util.Objects;
import java.util.Optional;

/** A refused input or a failed chain operation, with a machine-readable {@link ChainError}. */
public class ChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ChainError code;
    private final transient ContractRevert revert;

    public ChainException(ChainError code, String message) {
        this(code, message, null, null);
    }

    public ChainException(ChainError code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    private ChainException(ChainError code, String message, ContractRevert revert, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.revert = revert;
    }

    /** The chain reverted the call with {@code revert}. */
    public static ChainException reverted(ContractRevert revert) {
        return new ChainException(ChainError.SETTLEMENT_REVERTED, revert.toString(), revert, null);
    }

    public ChainError code() {
        return code;
    }

    /** The decoded revert, when the chain reverted. */
    public Optional<ContractRevert> revert() {
        return Optional.ofNullable(revert);
    }
}
