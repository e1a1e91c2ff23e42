package io.fairauction.sdk;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Builders for bids and their trades. A trade fills one fill-or-kill intent: for a sell intent the trader sells
 * exactly {@code sellAmount} and receives what the bid says; for a buy intent the trader receives exactly
 * {@code buyAmount} and pays what the bid says. The solver field is left empty: the runtime and the gateway set
 * it to the authenticated solver.
 *
 * <pre>{@code
 * Bid bid = Bids.bid("cow-1")
 *         .fill(aliceSells, usdcToAlice)
 *         .fill(bobBuys, usdcFromBob)
 *         .interactions(route.interactions(auction.settlement()))
 *         .build();
 * }</pre>
 */
public final class Bids {
    private Bids() {
    }

    /** A new bid with this id (unique among the solver's bids for one auction). */
    public static Builder bid(String id) {
        return new Builder(id);
    }

    /** An individual bid: one trade and its interactions. */
    public static Bid individual(String id, Trade trade, List<Interaction> interactions) {
        return bid(id).trade(trade).interactions(interactions).build();
    }

    /**
     * The trade that fills {@code intent} at {@code amount} on its free side: for a sell intent the buy amount the
     * trader receives, for a buy intent the sell amount the trader pays. The exact side is the intent's own.
     */
    public static Trade fill(Intent intent, BigInteger amount) {
        Objects.requireNonNull(amount, "amount");
        return intent.side() == Side.SELL
                ? new Trade(intent.uid(), intent.sellAmount(), amount)
                : new Trade(intent.uid(), amount, intent.buyAmount());
    }

    /** Whether {@code amount} on the intent's free side respects its limit (at least / at most the signed amount). */
    public static boolean withinLimit(Intent intent, BigInteger amount) {
        return intent.side() == Side.SELL
                ? amount.compareTo(intent.buyAmount()) >= 0
                : amount.signum() > 0 && amount.compareTo(intent.sellAmount()) <= 0;
    }

    /** Builds one bid. */
    public static final class Builder {
        private final String id;
        private final List<Trade> trades = new ArrayList<>();
        private final List<Interaction> interactions = new ArrayList<>();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("bid id must not be empty");
            }
        }

        /** Adds a trade with explicit executed amounts. */
        public Builder trade(Trade trade) {
            trades.add(Objects.requireNonNull(trade, "trade"));
            return this;
        }

        /** Adds trades in order. */
        public Builder trades(Collection<Trade> more) {
            more.forEach(this::trade);
            return this;
        }

        /** Adds the trade that fills {@code intent} at {@code amount} on its free side ({@link Bids#fill}). */
        public Builder fill(Intent intent, BigInteger amount) {
            return trade(Bids.fill(intent, amount));
        }

        /** Appends an interaction (calls run in the order added). */
        public Builder interaction(Interaction interaction) {
            interactions.add(Objects.requireNonNull(interaction, "interaction"));
            return this;
        }

        /** Appends interactions in order. */
        public Builder interactions(Collection<Interaction> more) {
            more.forEach(this::interaction);
            return this;
        }

        public Bid build() {
            return new Bid(id, "", trades, interactions);
        }
    }
}
