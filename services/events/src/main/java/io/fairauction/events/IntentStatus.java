package io.fairauction.events;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * On {@link Topics#INTENT_STATUS} (compacted): an intent's latest state and its whole history, so compaction keeps
 * everything a trader asks {@code GET /api/v1/intents/{uid}} for.
 */
public record IntentStatus(String uid, State state, List<Step> history) implements Event {
    public IntentStatus {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(state, "state");
        history = List.copyOf(history);
    }

    /** Where an intent is. {@link #SETTLED}, {@link #EXPIRED} and {@link #CANCELLED} are final. */
    public enum State {
        OPEN, IN_AUCTION, WON, SETTLED, EXPIRED, CANCELLED;

        public boolean isFinal() {
            return this == SETTLED || this == EXPIRED || this == CANCELLED;
        }
    }

    /**
     * One change of state. Fields that do not apply are null.
     *
     * @param note what happened in words, e.g. "not won", "settlement reverted: LimitViolated; re-auctioned"
     */
    public record Step(State state, long atMillis, Long auctionId, String bidId, String txHash,
                       BigInteger executedSell, BigInteger executedBuy, String note) {
        public Step {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The status after {@code step}: this history plus the step. */
    public IntentStatus then(Step step) {
        List<Step> h = new java.util.ArrayList<>(history);
        h.add(step);
        return new IntentStatus(uid, step.state(), h);
    }

    public Step last() {
        return history.get(history.size() - 1);
    }

    @Override
    public String key() {
        return uid;
    }
}
