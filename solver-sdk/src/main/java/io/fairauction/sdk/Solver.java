package io.fairauction.sdk;

import io.fairauction.core.model.Bid;
import java.util.List;
import java.util.function.Function;

/**
 * The one interface a solver author implements: given an auction, offer bids.
 *
 * <p>Solving is <em>anytime</em>: call {@link SolveContext#offer(Bid)} as soon as you have a bid and again whenever
 * you find a better one (same id: the later bid replaces the earlier). When the deadline minus the runtime's
 * safety margin arrives, the runtime answers the gateway with the bids offered so far, whether {@code solve} has
 * returned or not, and interrupts it. Returning early answers at once. An exception is logged and answered with
 * the bids offered before it, never passed on to the gateway.
 *
 * <pre>{@code
 * Solver mine = ctx -> {
 *     for (Intent intent : ctx.auction().intents()) {
 *         ... ctx.offer(Bids.individual("b-" + k, trade, interactions));
 *     }
 * };
 * }</pre>
 *
 * <p>A solver that also implements {@link NotificationListener} is told what became of its bids.
 */
@FunctionalInterface
public interface Solver {
    /**
     * Solves one auction. Runs on a worker thread of the runtime; may be called for several auctions at once.
     *
     * @param context the auction, the deadline and where bids go
     * @throws Exception anything: the runtime logs it and answers with what was offered before
     */
    void solve(SolveContext context) throws Exception;

    /** A solver that computes all its bids at once: {@code bids} runs once and everything it returns is offered. */
    static Solver of(Function<AuctionView, List<Bid>> bids) {
        return context -> context.offerAll(bids.apply(context.auction()));
    }
}
