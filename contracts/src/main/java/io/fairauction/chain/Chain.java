package io.fairauction.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * A connection to an Ethereum JSON-RPC endpoint (a local Anvil, or any URL the user gives), with what the toolkit
 * needs on top of web3j: signing transaction managers, a gas provider, and Anvil's test methods
 * ({@code evm_snapshot}/{@code evm_revert}, time travel).
 */
public final class Chain implements AutoCloseable {
    /** Generous, and far under a dev chain's 30M block limit: calls that need an exact limit estimate it. */
    public static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(12_000_000);

    private final String rpcUrl;
    private final Web3jService service;
    private final Web3j web3j;
    private final long chainId;

    private Chain(String rpcUrl, Web3jService service, Web3j web3j, long chainId) {
        this.rpcUrl = rpcUrl;
        this.service = service;
        this.web3j = web3j;
        this.chainId = chainId;
    }

    /** Connects to {@code rpcUrl} and reads its chain id; {@link ChainError#RPC_FAILED} when it does not answer. */
    public static Chain connect(String rpcUrl) {
        if (rpcUrl == null || !rpcUrl.matches("https?://\\S+")) {
            throw new ChainException(ChainError.RPC_FAILED, "RPC URL must be http(s)://..., got " + rpcUrl);
        }
        HttpService service = new HttpService(rpcUrl);
        Web3j web3j = Web3j.build(service);
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            return new Chain(rpcUrl, service, web3j, chainId);
        } catch (IOException | RuntimeException e) {
            web3j.shutdown();
            throw new ChainException(ChainError.RPC_FAILED, "no answer from " + rpcUrl + ": " + e.getMessage(), e);
        }
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    public BigInteger blockNumber() {
        return send(web3j.ethBlockNumber()).getBlockNumber();
    }

    /** Signs with {@code credentials} for this chain; waits for receipts polling every 20 ms. */
    public TransactionManager transactionManager(Credentials credentials) {
        return new RawTransactionManager(web3j, credentials, chainId, receiptProcessor());
    }

    public TransactionReceiptProcessor receiptProcessor() {
        return new PollingTransactionReceiptProcessor(web3j, 20, 3000);
    }

    /** Twice the node's gas price (room for base-fee growth), and {@link #DEFAULT_GAS_LIMIT}. */
    public ContractGasProvider gasProvider() {
        return new StaticGasProvider(gasPrice(), DEFAULT_GAS_LIMIT);
    }

    public BigInteger gasPrice() {
        // Twice the latest base fee (room for growth) plus a 1 gwei tip. Not twice eth_gasPrice: a node suggests
        // a price from the tips recent transactions paid, so paying double its suggestion on every transaction
        // doubles the suggestion each time (on a busy devnet, 2 gwei became 10^7 gwei within a minute).
        var block = send(web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)).getBlock();
        String baseFee = block == null ? null : block.getBaseFeePerGasRaw();
        if (baseFee == null) {
            return send(web3j.ethGasPrice()).getGasPrice();
        }
        return org.web3j.utils.Numeric.decodeQuantity(baseFee).shiftLeft(1).add(ONE_GWEI);
    }

    private static final BigInteger ONE_GWEI = BigInteger.TEN.pow(9);

    /** Runs a call against the latest block without sending it: empty when it succeeds, else why it reverts. */
    public java.util.Optional<ContractRevert> simulate(String from, String to, String data) {
        var call = send(web3j.ethCall(
                org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(from, to, data),
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST), true);
        return call.hasError() ? java.util.Optional.of(ContractErrors.decode(revertData(call))) : java.util.Optional.empty();
    }

    /** Gas a transaction needs; a revert is a {@link ChainError#SETTLEMENT_REVERTED} with the decoded reason. */
    public BigInteger estimateGas(String from, String to, String data) {
        var estimate = send(web3j.ethEstimateGas(
                org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(from, to, data)), true);
        if (estimate.hasError()) {
            throw ChainException.reverted(ContractErrors.decode(revertData(estimate)));
        }
        return estimate.getAmountUsed();
    }

    /** The revert data of an {@code execution reverted} JSON-RPC error (a hex string in the error's data). */
    private static String revertData(Response<?> response) {
        String data = response.getError().getData();
        if (data == null) {
            throw new ChainException(ChainError.RPC_FAILED, response.getError().getMessage());
        }
        return data.replace("\"", "").trim();
    }

    /** Anvil/Hardhat {@code evm_snapshot}: an id to {@link #revert} to. */
    public String snapshot() {
        return call("evm_snapshot", List.of());
    }

    /** Anvil/Hardhat {@code evm_revert}: the chain returns to the snapshot, which is used up. */
    public void revert(String snapshotId) {
        Object reverted = call("evm_revert", List.of(snapshotId));
        if (!Boolean.TRUE.equals(reverted)) {
            throw new ChainException(ChainError.RPC_FAILED, "evm_revert to " + snapshotId + " failed");
        }
    }

    /** Moves the chain's clock forward and mines a block, so the next block's timestamp is later by at least that. */
    public void advanceTime(long seconds) {
        call("evm_increaseTime", List.of(seconds));
        call("evm_mine", List.of());
    }

    /** Timestamp of the latest block. */
    public long latestTimestamp() {
        return send(web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false))
                .getBlock().getTimestamp().longValueExact();
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String method, List<?> params) {
        Request<?, AnyResponse> request = new Request<>(method, params, service, AnyResponse.class);
        return (T) send(request).getResult();
    }

    /** Sends {@code request}; an RPC error or I/O failure is a {@link ChainError#RPC_FAILED}. */
    public static <T extends Response<?>> T send(Request<?, T> request) {
        return send(request, false);
    }

    /** Sends {@code request}; with {@code errorsAllowed} an RPC error is returned for the caller to read. */
    public static <T extends Response<?>> T send(Request<?, T> request, boolean errorsAllowed) {
        try {
            T response = request.send();
            if (response.hasError() && !errorsAllowed) {
                throw new ChainException(ChainError.RPC_FAILED,
                        request.getMethod() + " failed: " + response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new ChainException(ChainError.RPC_FAILED, request.getMethod() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    /** A JSON-RPC response whose result is whatever JSON the method returns. */
    public static final class AnyResponse extends Response<Object> {
    }
}
