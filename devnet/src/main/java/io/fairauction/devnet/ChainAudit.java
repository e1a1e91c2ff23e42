package io.fairauction.devnet;

import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.contracts.Settlement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** What the chain itself says happened, read from the settlement contract's events. */
final class ChainAudit {
    private ChainAudit() {
    }

    /** How many Trade events each intent uid has (lower case): more than one would be a double settlement. */
    static Map<String, Integer> tradeEvents(Chain chain, Deployment deployment) {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                deployment.settlement());
        filter.addSingleTopic(EventEncoder.encode(Settlement.TRADE_EVENT));
        Map<String, Integer> out = new TreeMap<>();
        for (EthLog.LogResult<?> r : Chain.send(chain.web3j().ethGetLogs(filter)).getLogs()) {
            Log log = (Log) r.get();
            out.merge(log.getTopics().get(2).toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return out;
    }
}
