package io.fairauction.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.events.IntentStatus;
import io.fairauction.events.IntentStatus.State;
import io.fairauction.events.IntentStatus.Step;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnwonAuctionsSummedTest {
    private static final Step ACCEPTED = new Step(State.OPEN, 1, null, null, null, null, null, "accepted");

    private static Step in(long auction) {
        return new Step(State.IN_AUCTION, auction * 10, auction, null, null, null, null, null);
    }

    private static Step notWon(long auction) {
        return new Step(State.OPEN, auction * 10 + 5, auction, null, null, null, null, "not won in auction " + auction);
    }

    private static IntentStatus status(Step... steps) {
        return new IntentStatus("0xabc", steps[steps.length - 1].state(), List.of(steps));
    }

    @Test
    void anIntentAuctionedManyTimesWithoutWinningKeepsAHistoryOfConstantSize() {
        IntentStatus s = status(ACCEPTED);
        for (long auction = 3; auction <= 40; auction++) {
            s = Rounds.unwonAuctionsSummed(s).then(in(auction)).then(notWon(auction));
        }
        s = Rounds.unwonAuctionsSummed(s);
        assertThat(s.history()).hasSize(2);
        assertThat(s.history().get(1).note()).isEqualTo("not won in 38 auctions, 3 to 40");
        assertThat(s.history().get(1).auctionId()).isEqualTo(40L);
        assertThat(s.history().get(1).atMillis()).isEqualTo(405L);
        assertThat(s.state()).isEqualTo(State.OPEN);
    }

    @Test
    void theLatestUnwonAuctionStaysVisibleUntilTheIntentEntersAnother() {
        IntentStatus s = status(ACCEPTED, in(3), notWon(3));
        // Nothing is folded by itself: only next() folds, when the intent enters its next auction.
        assertThat(s.last().note()).isEqualTo("not won in auction 3");
        assertThat(Rounds.unwonAuctionsSummed(s).last().note()).isEqualTo("not won in 1 auction, 3 to 3");
    }

    @Test
    void winsSettlementsAndReauctionsAfterAFailureAreKeptAsTheyAre() {
        Step won = new Step(State.WON, 50, 5L, "s/1", null, BigInteger.ONE, BigInteger.TEN, "won by s");
        Step dropped = new Step(State.OPEN, 60, 5L, null, null, null, null, "settlement dropped: reverted; re-auctioned");
        IntentStatus s = status(ACCEPTED, in(5), won, dropped);
        assertThat(Rounds.unwonAuctionsSummed(s)).isEqualTo(s);
        // A summary is extended only by the auctions right after it.
        IntentStatus later = Rounds.unwonAuctionsSummed(status(ACCEPTED, in(2), notWon(2)));
        IntentStatus afterFailure = status(later.history().get(0), later.history().get(1), in(5), won, dropped, in(6), notWon(6));
        assertThat(Rounds.unwonAuctionsSummed(afterFailure).history()).extracting(Step::note).containsExactly(
                "accepted", "not won in 1 auction, 2 to 2", null, "won by s", "settlement dropped: reverted; re-auctioned",
                "not won in 1 auction, 6 to 6");
    }
}
