package io.fairauction.devnet;

import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.SettlementClient;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the chain itself says happened, read from the settlement contract's events. */
final class ChainAudit {
    private ChainAudit() {
    }

    /** How many Trade events each intent uid has (lower case): more than one would be a double settlement. */
    static Map<String, Integer> tradeEvents(Chain chain, Deployment deployment) {
        Map<String, Integer> out = new TreeMap<>();
        for (SettlementClient.LoggedTrade t : SettlementClient.tradeLogs(chain, deployment.settlement(), null)) {
            out.merge(t.trade().uid().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return out;
    }
}
