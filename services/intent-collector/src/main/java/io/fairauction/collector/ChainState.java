package io.fairauction.collector;

import java.math.BigInteger;

/** What the intake asks the chain. Implementations throw {@link Unavailable} when the chain does not answer. */
public interface ChainState {
    BigInteger balanceOf(String token, String owner);

    BigInteger allowance(String token, String owner, String spender);

    /** True when {@code account} has code (a contract, e.g. an EIP-1271 wallet). */
    boolean isContract(String account);

    /** The chain did not answer. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
