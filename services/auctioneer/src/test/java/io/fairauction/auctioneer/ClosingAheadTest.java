package io.fairauction.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.generate.AuctionGenerator;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.BidAccepted;
import io.fairauction.events.Event;
import io.fairauction.events.IntentStatus.State;
import io.fairauction.events.IntentStatus.Step;
import io.fairauction.events.IntentSubmitted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The closing the auctioneer computes during the bid grace is published only if the caught-up book still holds what
 * it was computed from; whatever is published must be exactly the closing computed from the final book.
 */
class ClosingAheadTest {
    private static final long AUCTION = 7;
    private static final long CLOSE_AT = 1_700_000_000_000L;
    private final Rounds rounds = new Rounds(new Rounds.Settings(1_500, 30, 500),
            Mechanisms.byName("fair-combinatorial").orElseThrow(), MechanismOptions.DEFAULT, null);

    /** A generated market auction opened in {@code book}, its intents in auction; its bids, not yet applied. */
    private record Opened(AuctionOpened opened, List<BidAccepted> bids) {
    }

    private static Opened open(Book book, long seed) {
        Competition c = AuctionGenerator.generate(AuctionGenerator.Spec.of(12, 4, seed, "market"));
        for (Intent i : c.auction().intents()) {
            book.apply(new IntentSubmitted(i, 1));
        }
        AuctionOpened opened = new AuctionOpened(AUCTION, c.auction(), List.of(), CLOSE_AT - 2_000, CLOSE_AT - 100,
                "0x" + "11".repeat(20), 31337);
        book.apply(opened);
        for (Intent i : c.auction().intents()) {
            book.apply(Rounds.next(book, i.uid(), new Step(State.IN_AUCTION, CLOSE_AT - 2_000, AUCTION, null, null, null, null, null)));
        }
        List<BidAccepted> bids = c.bids().stream()
                .map(b -> new BidAccepted(AUCTION, b.solver(), b.id(), "0x" + "22".repeat(20), b, CLOSE_AT - 500)).toList();
        return new Opened(opened, bids);
    }

    /** The events without the result's solveMillis, the one thing two runs of the mechanism may differ in. */
    private static List<Event> untimed(List<Event> events) {
        return events.stream().map(e -> {
            if (e instanceof AuctionClosed c) {
                ObjectNode result = (ObjectNode) c.result().deepCopy();
                assertThat(result.remove("solveMillis")).isNotNull();
                return new AuctionClosed(c.auctionId(), c.mechanism(), result, c.winners(), c.bidsReceived(),
                        c.closedAtMillis(), c.abandoned());
            }
            return e;
        }).toList();
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void thePublishedClosingIsTheOneComputedFromTheFinalBookHoweverManyBidsTheGraceHadRead(long seed) {
        Random random = new Random(seed);
        Book book = new Book();
        Opened o = open(book, seed);
        List<BidAccepted> arrival = new ArrayList<>(o.bids());
        if (seed % 2 == 0) {
            Collections.shuffle(arrival, random);
        } else {
            // In bid id order (the book's order), the bids read late all come after those the grace had read.
            arrival.sort(java.util.Comparator.comparing(b -> b.bid().id()));
        }
        int readInGrace = seed % 3 == 0 ? arrival.size() : random.nextInt(arrival.size() + 1);
        arrival.subList(0, readInGrace).forEach(book::apply);
        Rounds.Closing ahead = rounds.closing(book, o.opened(), CLOSE_AT);
        arrival.subList(readInGrace, arrival.size()).forEach(book::apply);

        boolean used = ahead.matches(book);
        List<Event> published = used ? ahead.events() : rounds.close(book, o.opened(), CLOSE_AT);

        // The oracle: another book that read every bid, in the order generated, before anything was computed.
        Book all = new Book();
        Opened again = open(all, seed);
        again.bids().forEach(all::apply);
        assertThat(untimed(published)).isEqualTo(untimed(rounds.close(all, again.opened(), CLOSE_AT)));
        assertThat(used).isEqualTo(readInGrace == arrival.size());
    }

    @Test
    void aBidReadAgainMakesTheClosingAheadStaleThoughItWouldGiveTheSameEvents() {
        Book book = new Book();
        Opened o = open(book, 3);
        o.bids().forEach(book::apply);
        Rounds.Closing ahead = rounds.closing(book, o.opened(), CLOSE_AT);
        assertThat(ahead.matches(book)).isTrue();
        BidAccepted first = o.bids().get(0);
        // The same record read a second time (a re-fetch after a rebalance) is a new object: compared by identity, the
        // closing is computed again rather than trusted.
        book.apply(new BidAccepted(first.auctionId(), first.solverId(), first.solverBidId(), first.payout(), first.bid(),
                first.receivedAtMillis()));
        assertThat(ahead.matches(book)).isFalse();
        assertThat(untimed(rounds.close(book, o.opened(), CLOSE_AT))).isEqualTo(untimed(ahead.events()));
    }

    @Test
    void aStatusChangeOfAnIntentInTheAuctionMakesTheClosingAheadStale() {
        Book book = new Book();
        Opened o = open(book, 5);
        o.bids().forEach(book::apply);
        Rounds.Closing ahead = rounds.closing(book, o.opened(), CLOSE_AT);
        String uid = o.opened().auction().intents().get(0).uid();
        book.apply(Rounds.next(book, uid, new Step(State.OPEN, CLOSE_AT - 50, AUCTION, null, null, null, null,
                "auction " + AUCTION + " abandoned by a restarted auctioneer; re-auctioned")));
        assertThat(ahead.matches(book)).isFalse();
        List<Event> now = rounds.close(book, o.opened(), CLOSE_AT);
        // The intent no longer in the auction gets no closing status.
        assertThat(now).hasSize(ahead.events().size() - 1);
    }
}
