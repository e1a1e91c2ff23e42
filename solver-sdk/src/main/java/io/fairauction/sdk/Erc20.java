package io.fairauction.sdk;

import io.fairauction.core.model.Interaction;
import java.math.BigInteger;

/**
 * ERC-20 calls as interactions. Interactions run from the settlement contract, so {@code transfer} moves the
 * settlement's own tokens (those it pulled from the traders), e.g. into a pool before calling its swap.
 */
public final class Erc20 {
    private Erc20() {
    }

    /** {@code token.transfer(to, amount)}, from the settlement. */
    public static Interaction transfer(String token, String to, BigInteger amount) {
        return new Interaction(token, BigInteger.ZERO, transferCallData(to, amount));
    }

    /** {@code token.approve(spender, amount)}, by the settlement (e.g. for a router that pulls with transferFrom). */
    public static Interaction approve(String token, String spender, BigInteger amount) {
        return new Interaction(token, BigInteger.ZERO, approveCallData(spender, amount));
    }

    public static String transferCallData(String to, BigInteger amount) {
        return Abi.call(Abi.TRANSFER, Abi.word(to), Abi.word(amount));
    }

    public static String approveCallData(String spender, BigInteger amount) {
        return Abi.call(Abi.APPROVE, Abi.word(spender), Abi.word(amount));
    }
}
