package io.fairauction.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * Raw transactions and Anvil's tracing for the tests: functions are named by their Solidity signature (not
 * through the generated wrappers), so a test can run against an older build of the contracts, and reverting
 * transactions are mined (not refused at estimation) so that their gas and revert data can be read.
 */
final class Calls {
    /** A fixed limit: estimation would refuse a transaction that reverts. */
    static final BigInteger GAS_LIMIT = BigInteger.valueOf(5_000_000);

    private Calls() {
    }

    static String encode(String name, Type<?>... arguments) {
        return FunctionEncoder.encode(new Function(name, List.of(arguments), List.of()));
    }

    /** Sends {@code data} from {@code from} with {@link #GAS_LIMIT}, mined whether it reverts or not. */
    static TransactionReceipt send(DevChain dev, Credentials from, String to, String data, BigInteger value) {
        try {
            EthSendTransaction sent = dev.chain.transactionManager(from)
                    .sendTransaction(dev.chain.gasPrice(), GAS_LIMIT, to, data, value);
            if (sent.hasError()) {
                throw new AssertionError("not accepted: " + sent.getError().getMessage());
            }
            return dev.chain.receiptProcessor().waitForTransactionReceipt(sent.getTransactionHash());
        } catch (java.io.IOException | org.web3j.protocol.exceptions.TransactionException e) {
            throw new AssertionError(e);
        }
    }

    static TransactionReceipt send(DevChain dev, Credentials from, String to, String data) {
        return send(dev, from, to, data, BigInteger.ZERO);
    }

    /** Sends a settlement as the submitter, mined even when it reverts. */
    static TransactionReceipt send(DevChain dev, EncodedSettlement settlement) {
        return send(dev, dev.submitter, settlement.settlement(), settlement.callData());
    }

    /** Why a mined transaction reverted: its revert data, read from Anvil's call trace. */
    static ContractRevert revertOfMined(DevChain dev, TransactionReceipt receipt) {
        if (receipt.isStatusOK()) {
            throw new AssertionError("transaction " + receipt.getTransactionHash() + " did not revert");
        }
        Map<?, ?> trace = (Map<?, ?>) rpc(dev, "debug_traceTransaction",
                List.of(receipt.getTransactionHash(), Map.of("tracer", "callTracer")));
        Object output = trace.get("output");
        return ContractErrors.decode(output == null ? "0x" : output.toString());
    }

    /** Addresses every (nested) call of a simulated transaction reached, from Anvil's call tracer. */
    static List<String> callTargets(DevChain dev, String from, String to, String data) {
        Map<?, ?> trace = (Map<?, ?>) rpc(dev, "debug_traceCall",
                List.of(Map.of("from", from, "to", to, "data", data), "latest", Map.of("tracer", "callTracer")));
        List<String> targets = new ArrayList<>();
        collectTargets(trace, targets);
        return targets;
    }

    private static void collectTargets(Map<?, ?> frame, List<String> into) {
        Object calls = frame.get("calls");
        if (calls instanceof List<?> list) {
            for (Object call : list) {
                Map<?, ?> child = (Map<?, ?>) call;
                into.add(String.valueOf(child.get("to")).toLowerCase(java.util.Locale.ROOT));
                collectTargets(child, into);
            }
        }
    }

    /** The first return value of a view function. */
    static Object view(DevChain dev, String to, String name, List<Type<?>> arguments, TypeReference<?> returns) {
        String data = FunctionEncoder.encode(new Function(name, new ArrayList<>(arguments), List.of()));
        try {
            String result = dev.chain.web3j().ethCall(
                    org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                            dev.deployer.getAddress(), to, data),
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getValue();
            @SuppressWarnings("unchecked")
            List<TypeReference<Type>> types = List.of((TypeReference<Type>) returns);
            List<Type> values = FunctionReturnDecoder.decode(result, types);
            if (values.isEmpty()) {
                throw new AssertionError(name + " returned nothing (" + result + ")");
            }
            return values.get(0).getValue();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String addressView(DevChain dev, String to, String name) {
        return ((String) view(dev, to, name, List.of(), new TypeReference<Address>() { }))
                .toLowerCase(java.util.Locale.ROOT);
    }

    static BigInteger etherBalance(DevChain dev, String account) {
        try {
            return dev.chain.web3j().ethGetBalance(account, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send().getBalance();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Anvil: the next block is mined with exactly this timestamp. */
    static void setNextBlockTimestamp(DevChain dev, long timestamp) {
        rpc(dev, "evm_setNextBlockTimestamp", List.of(timestamp));
    }

    static Optional<ContractRevert> simulate(DevChain dev, Credentials from, String to, String data) {
        return dev.chain.simulate(from.getAddress(), to, data);
    }

    private static Object rpc(DevChain dev, String method, List<?> params) {
        Request<?, Chain.AnyResponse> request = new Request<>(method, params, new HttpService(dev.chain.rpcUrl()),
                Chain.AnyResponse.class);
        return Chain.send(request).getResult();
    }
}
