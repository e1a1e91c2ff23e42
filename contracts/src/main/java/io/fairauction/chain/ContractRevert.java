package io.fairauction.chain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a contract call reverted, decoded from the revert data.
 *
 * @param name      the Solidity custom error (e.g. {@code IntentExpired}), {@code Error} for a require message,
 *                  {@code Panic} for an assertion or arithmetic failure, {@code Unknown} for undecodable data
 * @param arguments the error's arguments as web3j values (addresses as hex strings, uints as BigInteger,
 *                  bytes32 and bytes as hex strings)
 * @param data      the raw revert data, 0x-prefixed hex
 * @param cause     for {@code InteractionFailed}, the decoded revert of the failed interaction
 */
public record ContractRevert(String name, List<Object> arguments, String data, Optional<ContractRevert> cause) {
    public ContractRevert {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(cause, "cause");
        arguments = List.copyOf(arguments);
    }

    /** The innermost revert: the failed interaction's own reason, when there is one. */
    public ContractRevert root() {
        return cause.map(ContractRevert::root).orElse(this);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(arguments.get(i));
        }
        s.append(')');
        cause.ifPresent(c -> s.append(" caused by ").append(c));
        return s.toString();
    }
}
