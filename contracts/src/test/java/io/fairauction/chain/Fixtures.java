package io.fairauction.chain;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Trade;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Credentials;

/** Amounts, funded traders and bids for the settlement tests. */
final class Fixtures {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final BigInteger DOLLAR = BigInteger.TEN.pow(6);
    static final String AUCTION = "42";

    private Fixtures() {
    }

    static BigInteger ether(long n) {
        return ETHER.multiply(BigInteger.valueOf(n));
    }

    static BigInteger dollars(long n) {
        return DOLLAR.multiply(BigInteger.valueOf(n));
    }

    /** Dev account {@code n}, holding {@code amount} of {@code symbol} and having approved the relayer for it. */
    static Credentials trader(DevChain dev, int n, String symbol, BigInteger amount) {
        Credentials trader = DevChain.account(n);
        dev.market.fund(trader.getAddress(), symbol, amount);
        dev.market.approveRelayer(trader, symbol);
        return trader;
    }

    /** A validTo an hour after the latest block. */
    static long inAnHour(DevChain dev) {
        return dev.chain.latestTimestamp() + 3600;
    }

    static Trade trade(Intent intent, BigInteger executedSell, BigInteger executedBuy) {
        return new Trade(intent.uid(), executedSell, executedBuy);
    }

    static Bid bid(List<Trade> trades, List<Interaction> interactions) {
        return new Bid("bid-1", "solver-1", trades, interactions);
    }

    /** The solver's payout address in these tests. */
    static String solver() {
        return DevChain.account(29).getAddress();
    }
}
