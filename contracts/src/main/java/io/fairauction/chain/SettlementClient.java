package io.fairauction.chain;

import io.fairauction.chain.contracts.Settlement;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.EventValues;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;

/**
 * Simulates, estimates and submits {@link EncodedSettlement}s as the authorised submitter, and decodes what
 * happened. A revert, in simulation or estimation, comes back as a {@link ChainException} with the decoded
 * {@link ContractRevert}.
 */
public final class SettlementClient {
    /** Headroom over the estimate: state can change between estimation and inclusion. */
    private static final BigInteger GAS_MARGIN_PERCENT = BigInteger.valueOf(125);

    private final Chain chain;
    private final Credentials submitter;
    private final TransactionManager tx;

    public SettlementClient(Chain chain, Credentials submitter) {
        this.chain = chain;
        this.submitter = submitter;
        this.tx = chain.transactionManager(submitter);
    }

    /** Runs the settlement against the latest block without sending it; empty when it would succeed. */
    public Optional<ContractRevert> simulate(EncodedSettlement settlement) {
        return chain.simulate(submitter.getAddress(), settlement.settlement(), settlement.callData());
    }

    /** Gas the settlement needs; a revert is a {@link ChainError#SETTLEMENT_REVERTED}. */
    public BigInteger estimateGas(EncodedSettlement settlement) {
        return chain.estimateGas(submitter.getAddress(), settlement.settlement(), settlement.callData());
    }

    /** Estimates, sends and waits for the receipt; a settlement that would revert is never sent. */
    public SettlementOutcome submit(EncodedSettlement settlement) {
        BigInteger gasLimit = estimateGas(settlement).multiply(GAS_MARGIN_PERCENT).divide(BigInteger.valueOf(100));
        try {
            EthSendTransaction sent = tx.sendTransaction(chain.gasPrice(), gasLimit, settlement.settlement(),
                    settlement.callData(), BigInteger.ZERO);
            if (sent.hasError()) {
                throw new ChainException(ChainError.RPC_FAILED, "settlement not accepted: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = chain.receiptProcessor().waitForTransactionReceipt(sent.getTransactionHash());
            return decode(receipt, settlement.settlement());
        } catch (IOException | TransactionException e) {
            throw new ChainException(ChainError.RPC_FAILED, "settlement not confirmed: " + e.getMessage(), e);
        }
    }

    /** The executed trades and the settlement event of a receipt, from the logs of {@code settlementAddress}. */
    public static SettlementOutcome decode(TransactionReceipt receipt, String settlementAddress) {
        List<SettlementOutcome.ExecutedTrade> trades = new ArrayList<>();
        Optional<BigInteger> auctionId = Optional.empty();
        Optional<String> solver = Optional.empty();
        for (Log log : receipt.getLogs()) {
            if (!log.getAddress().equalsIgnoreCase(settlementAddress)) {
                continue;
            }
            Optional<SettlementOutcome.ExecutedTrade> trade = trade(log);
            if (trade.isPresent()) {
                trades.add(trade.get());
                continue;
            }
            EventValues settled = Contract.staticExtractEventParameters(Settlement.SETTLED_EVENT, log);
            if (settled != null) {
                auctionId = Optional.of((BigInteger) settled.getIndexedValues().get(0).getValue());
                solver = Optional.of(((String) settled.getIndexedValues().get(1).getValue()).toLowerCase(Locale.ROOT));
            }
        }
        return new SettlementOutcome(receipt.getTransactionHash(), receipt.getBlockNumber(), receipt.isStatusOK(),
                receipt.getGasUsed(), auctionId, solver, trades);
    }

    /** A Trade event of the settlement contract in a transaction. */
    public record LoggedTrade(String transactionHash, SettlementOutcome.ExecutedTrade trade) {
    }

    /**
     * Every Trade event {@code settlementAddress} ever emitted, or only those of intent {@code uid} when it is not
     * null, in chain order: what the chain itself says was settled (reconciliation after a crash, audits).
     */
    public static List<LoggedTrade> tradeLogs(Chain chain, String settlementAddress, String uid) {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                settlementAddress);
        filter.addSingleTopic(EventEncoder.encode(Settlement.TRADE_EVENT));
        if (uid != null) {
            filter.addNullTopic();
            filter.addSingleTopic(uid.toLowerCase(Locale.ROOT));
        }
        List<LoggedTrade> out = new ArrayList<>();
        for (var result : Chain.send(chain.web3j().ethGetLogs(filter)).getLogs()) {
            Log log = (Log) result.get();
            trade(log).ifPresent(t -> out.add(new LoggedTrade(log.getTransactionHash(), t)));
        }
        return out;
    }

    private static Optional<SettlementOutcome.ExecutedTrade> trade(Log log) {
        EventValues trade = Contract.staticExtractEventParameters(Settlement.TRADE_EVENT, log);
        if (trade == null) {
            return Optional.empty();
        }
        return Optional.of(new SettlementOutcome.ExecutedTrade(
                org.web3j.utils.Numeric.toHexString((byte[]) trade.getIndexedValues().get(1).getValue()),
                ((String) trade.getIndexedValues().get(0).getValue()).toLowerCase(Locale.ROOT),
                (BigInteger) trade.getNonIndexedValues().get(0).getValue(),
                (BigInteger) trade.getNonIndexedValues().get(1).getValue()));
    }
}
