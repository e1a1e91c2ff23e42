package io.fairauction.collector;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthGetCode;

/** ERC-20 {@code balanceOf}/{@code allowance} and {@code eth_getCode} through web3j, at the latest block. */
public final class Web3ChainState implements ChainState {
    private final Web3j web3j;

    public Web3ChainState(Web3j web3j) {
        this.web3j = web3j;
    }

    @Override
    public BigInteger balanceOf(String token, String owner) {
        return uintCall(token, new Function("balanceOf", List.of(new Address(owner)), List.of()));
    }

    @Override
    public BigInteger allowance(String token, String owner, String spender) {
        return uintCall(token, new Function("allowance", List.of(new Address(owner), new Address(spender)), List.of()));
    }

    @Override
    public boolean isContract(String account) {
        try {
            EthGetCode code = web3j.ethGetCode(account, DefaultBlockParameterName.LATEST).send();
            if (code.hasError()) {
                throw new Unavailable(code.getError().getMessage(), null);
            }
            String c = code.getCode();
            return c != null && c.length() > 2;
        } catch (IOException e) {
            throw new Unavailable(e.getMessage(), e);
        }
    }

    private BigInteger uintCall(String to, Function function) {
        try {
            EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(function)),
                    DefaultBlockParameterName.LATEST).send();
            if (call.hasError()) {
                throw new Unavailable(function.getName() + " failed: " + call.getError().getMessage(), null);
            }
            String v = call.getValue();
            if (v == null || v.length() < 3) {
                throw new Unavailable(function.getName() + " returned nothing (not an ERC-20?)", null);
            }
            return new BigInteger(v.substring(2, Math.min(v.length(), 66)), 16);
        } catch (IOException | RuntimeException e) {
            if (e instanceof Unavailable u) {
                throw u;
            }
            throw new Unavailable(function.getName() + " failed: " + e.getMessage(), e);
        }
    }
}
