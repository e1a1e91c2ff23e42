package io.fairauction.auctioneer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairauction.core.generate.AuctionGenerator;
import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import io.fairauction.core.model.Competition;
import io.fairauction.core.model.Intent;
import io.fairauction.events.AuctionOpened;
import io.fairauction.events.Event;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.IntentSubmitted;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The opening the auctioneer computes while it waits for a round is published only if, at the round's start, the
 * book and the chain give exactly that auction; when it is, it is the opening computed at the start.
 */
class OpeningAheadTest {
    // Later than any clock this runs on: the opening never moves its time up to the wall clock here.
    private static final long START = 4_000_000_000_000L;
    private static final String SETTLEMENT = "0x" + "11".repeat(20);
    /** The deployment the auctions name; the opening reads nothing else of the chain but the snapshot it is given. */
    private static final Market DEPLOYMENT = (Market) java.lang.reflect.Proxy.newProxyInstance(Market.class.getClassLoader(),
            new Class<?>[] {Market.class}, (proxy, method, args) -> switch (method.getName()) {
                case "settlement" -> SETTLEMENT;
                case "chainId" -> 31337L;
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final Rounds rounds = new Rounds(new Rounds.Settings(1_500, 30, 500),
            Mechanisms.byName("fair-combinatorial").orElseThrow(), MechanismOptions.DEFAULT, DEPLOYMENT);

    /** What happens between computing the opening and the round's start. */
    enum Change {
        NOTHING, NEW_BLOCK, STATUS_READ_AGAIN, OLDER_INTENT_ARRIVES, ANOTHER_AUCTION_OPENED
    }

    static List<Object[]> cases() {
        return IntStream.rangeClosed(1, 4).boxed()
                .flatMap(seed -> java.util.Arrays.stream(Change.values()).map(c -> new Object[] {(long) seed, c})).toList();
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("cases")
    void theOpeningComputedAheadIsUsedOnlyWhenItIsTheOpeningComputedAtTheStart(long seed, Change change) {
        Competition c = AuctionGenerator.generate(AuctionGenerator.Spec.of(12, 4, seed, "market"));
        List<Intent> all = c.auction().intents();
        Book book = new Book();
        for (int i = 1; i < all.size(); i++) {
            book.apply(new IntentSubmitted(all.get(i), 1_000 + i));
        }
        // An earlier auction left the first intents with a status (not won), the others have none yet.
        book.apply(new AuctionOpened(1, c.auction(), List.of(), START - 4_000, START - 3_000, SETTLEMENT, 31337));
        for (int i = 1; i < 4; i++) {
            book.apply(Rounds.next(book, all.get(i).uid(), new IntentStatus.Step(IntentStatus.State.OPEN, START - 2_900, 1L,
                    null, null, null, null, "not won in auction 1")));
        }
        long chainTime = all.stream().mapToLong(Intent::validTo).min().orElseThrow() - 60;
        Market.Snapshot snapshot = new Market.Snapshot(c.auction().tokens(), c.auction().wrappedNativeToken(), List.of());
        Rounds.Opening ahead = rounds.opening(book, START, chainTime, () -> snapshot);

        long chainTimeAtStart = chainTime;
        switch (change) {
            case NOTHING -> {
            }
            case NEW_BLOCK -> chainTimeAtStart = chainTime + 1;
            case STATUS_READ_AGAIN -> {
                IntentStatus s = book.status(all.get(2).uid()).orElseThrow();
                book.apply(new IntentStatus(s.uid(), s.state(), s.history()));
            }
            case OLDER_INTENT_ARRIVES -> book.apply(new IntentSubmitted(all.get(0), 1));
            case ANOTHER_AUCTION_OPENED -> book.apply(new AuctionOpened(2, c.auction(), List.of(), START - 100, START + 900,
                    SETTLEMENT, 31337));
        }
        List<Intent> cut = rounds.cut(book, chainTimeAtStart);
        List<Event> atStart = rounds.open(book, cut, snapshot, START);

        boolean used = ahead.matches(book, chainTimeAtStart, cut);
        assertThat(used).isEqualTo(change == Change.NOTHING);
        if (used) {
            assertThat(ahead.events()).isEqualTo(atStart);
        }
        // Whatever else changed, the pools and prices read ahead serve the round while the chain is at the same block.
        assertThat(ahead.snapshotAt(chainTimeAtStart)).isEqualTo(change == Change.NEW_BLOCK
                ? java.util.Optional.empty() : java.util.Optional.of(snapshot));
        if (change == Change.STATUS_READ_AGAIN) {
            // The same content read again is a change by identity: computed anew, to the same events.
            assertThat(atStart).isEqualTo(ahead.events());
        }
    }
}
