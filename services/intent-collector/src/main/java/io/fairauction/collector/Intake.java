package io.fairauction.collector;

import static io.fairauction.collector.Rejection.refuse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.Eip712Domain;
import io.fairauction.chain.IntentHashes;
import io.fairauction.chain.IntentSignatures;
import io.fairauction.core.model.Intent;
import io.fairauction.events.AuctionClosed;
import io.fairauction.events.CancellationRequested;
import io.fairauction.events.EventJson;
import io.fairauction.events.IntentStatus;
import io.fairauction.events.IntentSubmitted;
import io.fairauction.events.Topics;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.web3j.utils.Numeric;

/**
 * The collector's API without HTTP: each method takes the request as bytes and strings and returns the
 * {@link Answer} the controller sends. Every refusal is a {@link Rejection} with its code, counted in
 * {@link IntakeMetrics}; nothing here throws at the caller.
 *
 * <p>Order of the submission checks: size, JSON shape, token values, the uid (domain), the signature, then
 * duplicates (an intent already accepted is answered 200 with the same body and published no second time, even
 * when its validTo or the owner's balance changed since), then the validTo window, the owner's rate limit (only
 * owners who proved their key spend their bucket, so nobody can starve someone else's), balance and allowance,
 * and last the publish, whose acknowledgement completes the answer.
 */
public final class Intake {
    /** The body of every 200/201 answer to a submission: the same for the first post and every repeat. */
    public static final String ACCEPTED = "accepted";
    public static final String CANCELLATION_REQUESTED = "cancellation-requested";

    private final Deployment deployment;
    private final Eip712Domain domain;
    private final IntakeSettings settings;
    private final ChainState chain;
    private final Publisher publisher;
    private final IntentView view;
    private final OwnerRateLimiter limiter;
    private final LongSupplier clockMillis;
    private final IntakeMetrics metrics;
    private final Set<String> tokens;

    /** Intents this collector published (or is publishing), until the view has them. */
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** The uids of {@link #pending} in the order they were acknowledged: the view learns them in about that order. */
    private final ArrayDeque<String> acknowledged = new ArrayDeque<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    private record Pending(Intent intent, CompletableFuture<Void> published) {
    }

    public Intake(Deployment deployment, IntakeSettings settings, ChainState chain, Publisher publisher,
                  IntentView view, OwnerRateLimiter limiter, LongSupplier clockMillis, IntakeMetrics metrics) {
        this.deployment = deployment;
        this.domain = deployment.domain();
        this.settings = settings;
        this.chain = chain;
        this.publisher = publisher;
        this.view = view;
        this.limiter = limiter;
        this.clockMillis = clockMillis;
        this.metrics = metrics;
        this.tokens = deployment.tokens().stream().map(t -> t.address().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * {@code POST /api/v1/intents}. The checks run on the calling thread; the answer completes when the broker has
     * acknowledged the intent (201), at once for a refusal or a repeat (200). The future never fails.
     */
    public CompletableFuture<Answer> submit(byte[] body) {
        try {
            return doSubmit(body);
        } catch (Rejection.Refused r) {
            return CompletableFuture.completedFuture(refused(r, "submit"));
        }
    }

    private Answer refused(Rejection.Refused r, String operation) {
        metrics.rejected(r.rejection().code(), operation);
        return Answer.of(r.rejection());
    }

    private CompletableFuture<Answer> doSubmit(byte[] body) {
        checkSize(body);
        IntentRequest r = IntentRequest.parse(body);
        if (!tokens.contains(r.sellToken())) {
            throw refuse(Code.UNKNOWN_TOKEN, "sellToken " + r.sellToken() + " is not a token of this deployment "
                    + "(GET /api/v1/tokens)", "sellToken");
        }
        if (!tokens.contains(r.buyToken())) {
            throw refuse(Code.UNKNOWN_TOKEN, "buyToken " + r.buyToken() + " is not a token of this deployment "
                    + "(GET /api/v1/tokens)", "buyToken");
        }
        if (r.validTo() < 0) {
            throw refuse(Code.EXPIRED, "validTo is in the past", "validTo");
        }
        if (r.validTo() > IntentRequest.UINT32_MAX) {
            throw refuse(Code.VALID_TO_TOO_FAR, "validTo must fit in a uint32", "validTo");
        }
        Intent unsigned = new Intent("0x", r.owner(), r.side(), r.sellToken(), r.buyToken(), r.sellAmount(),
                r.buyAmount(), r.validTo(), r.signature());
        byte[] digest = IntentHashes.digest(unsigned, domain);
        String uid = Numeric.toHexString(digest);
        if (r.uid() != null && !r.uid().equals(uid)) {
            throw refuse(Code.WRONG_DOMAIN, "uid is not this intent's digest under this deployment's domain (chain "
                    + domain.chainId() + ", settlement " + domain.verifyingContract() + "): signed for another chain "
                    + "or deployment, or altered after signing; expected " + uid, "uid");
        }
        Optional<String> signer = IntentSignatures.recover(digest, r.signature());
        if (signer.isEmpty() || !signer.get().equals(r.owner())) {
            if (settings.checkBalances() && isContract(r.owner())) {
                throw refuse(Code.CONTRACT_OWNER_UNSUPPORTED, "owner is a contract: EIP-1271 signatures are not "
                        + "accepted by this collector; sign with an externally owned account", "owner");
            }
            throw refuse(Code.BAD_SIGNATURE, signer.isEmpty()
                    ? "signature is not 65 bytes r|s|v with v 27 or 28 and a low s, or recovers no key"
                    : "signature does not recover to the owner under this deployment's domain (chain "
                    + domain.chainId() + ", settlement " + domain.verifyingContract() + ")", "signature");
        }
        Intent intent = new Intent(uid, r.owner(), r.side(), r.sellToken(), r.buyToken(), r.sellAmount(),
                r.buyAmount(), r.validTo(), r.signature());

        if (view.knows(uid)) {
            return CompletableFuture.completedFuture(accepted(uid, 200));
        }
        Pending earlier = pending.get(uid);
        if (earlier != null) {
            return repeatOf(earlier, uid);
        }

        long nowSeconds = Math.floorDiv(clockMillis.getAsLong(), 1000);
        if (intent.validTo() < nowSeconds + settings.validToMinSeconds()) {
            throw refuse(Code.EXPIRED, "validTo must be at least " + settings.validToMinSeconds()
                    + " s after now (" + nowSeconds + ")", "validTo");
        }
        if (intent.validTo() > nowSeconds + settings.validToMaxSeconds()) {
            throw refuse(Code.VALID_TO_TOO_FAR, "validTo must be at most " + settings.validToMaxSeconds()
                    + " s after now (" + nowSeconds + ")", "validTo");
        }
        // The intent is claimed before the owner's rate and funds are checked, so that concurrent repeats of one
        // intent wait for the first one's answer instead of each spending the owner's rate.
        Pending mine = new Pending(intent, new CompletableFuture<>());
        Pending raced = pending.putIfAbsent(uid, mine);
        if (raced != null) {
            return repeatOf(raced, uid);
        }
        try {
            rateLimit(intent.owner());
            if (settings.checkBalances()) {
                checkFunds(intent);
            }
        } catch (RuntimeException e) {
            pending.remove(uid, mine);
            mine.published().completeExceptionally(e);
            throw e;
        }
        IntentSubmitted event = new IntentSubmitted(intent, clockMillis.getAsLong());
        String value = EventJson.write(event);
        view.writing(uid, value, event);
        CompletableFuture<Void> acked;
        try {
            acked = publisher.publish(Topics.INTENTS, uid, value);
        } catch (RuntimeException e) {
            acked = CompletableFuture.failedFuture(e);
        }
        return acked.handle((ok, error) -> {
            if (error != null) {
                // Not acknowledged: the record may still be written; if it is, the view parses it like any other.
                view.forget(uid);
                pending.remove(uid, mine);
                mine.published().completeExceptionally(error);
                return refused(publishFailed(), "submit");
            }
            mine.published().complete(null);
            metrics.accepted("submit");
            forgetSeen(uid);
            return accepted(uid, 201);
        });
    }

    /** Intents published by this collector that its view has not caught up with yet. */
    int pendingCount() {
        return pending.size();
    }

    /**
     * The answer to a repeat of an intent still being checked or published: 200 once it is acknowledged, the first
     * submission's refusal if it was refused (rate, funds), else 503.
     */
    private CompletableFuture<Answer> repeatOf(Pending earlier, String uid) {
        return earlier.published().handle((ok, error) -> {
            if (error == null) {
                return accepted(uid, 200);
            }
            return refused(unwrapped(error) instanceof Rejection.Refused r ? r : publishFailed(), "submit");
        });
    }

    /** What a future failed with, without the {@link CompletionException} a dependent stage wraps it in. */
    static Throwable unwrapped(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static Rejection.Refused publishFailed() {
        return refuse(Code.PUBLISH_FAILED, "the broker did not acknowledge the intent; nothing was accepted, retry", null);
    }

    /** {@code DELETE /api/v1/intents/{uid}} with body {@code {"signature"}}. */
    public Answer cancel(String pathUid, byte[] body) {
        try {
            String uid = IntentRequest.pathUid(pathUid);
            checkSize(body);
            String signature = IntentRequest.parseCancellation(body);
            Intent intent = knownIntent(uid)
                    .orElseThrow(() -> refuse(Code.UNKNOWN_INTENT, "no intent " + uid, "uid"));
            IntentStatus.State state = view.intent(uid).map(IntentView.Entry::state).orElse(IntentStatus.State.OPEN);
            if (state.isFinal()) {
                throw refuse(Code.INTENT_FINAL, "intent is " + stateName(state) + ": it can no longer be cancelled",
                        "uid");
            }
            Optional<String> signer = IntentSignatures.recover(IntentHashes.cancellationDigest(uid, domain), signature);
            if (signer.isEmpty()) {
                throw refuse(Code.BAD_SIGNATURE, "signature is not 65 bytes r|s|v with v 27 or 28 and a low s, or "
                        + "recovers no key", "signature");
            }
            if (!signer.get().equals(intent.owner().toLowerCase(Locale.ROOT))) {
                throw refuse(Code.NOT_OWNER, "the cancellation is signed by " + signer.get()
                        + ", not by the intent's owner (or for another deployment)", "signature");
            }
            boolean already = cancelled.contains(uid)
                    || view.intent(uid).map(IntentView.Entry::cancellationRequested).orElse(false);
            if (!already) {
                rateLimit(intent.owner());
                try {
                    publisher.publish(Topics.INTENTS, uid, EventJson.write(new CancellationRequested(uid,
                            intent.owner(), signature, clockMillis.getAsLong()))).get();
                } catch (ExecutionException | RuntimeException e) {
                    throw refuse(Code.PUBLISH_FAILED, "the broker did not acknowledge the cancellation; retry", null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refuse(Code.PUBLISH_FAILED, "interrupted while waiting for the broker; retry", null);
                }
                cancelled.add(uid);
                metrics.accepted("cancel");
            }
            ObjectNode answer = EventJson.mapper().createObjectNode();
            answer.put("uid", uid);
            answer.put("status", CANCELLATION_REQUESTED);
            return Answer.of(202, answer);
        } catch (Rejection.Refused r) {
            return refused(r, "cancel");
        }
    }

    /** {@code GET /api/v1/intents/{uid}}: the intent, its state and history. */
    public Answer status(String pathUid) {
        try {
            String uid = IntentRequest.pathUid(pathUid);
            Optional<IntentView.Entry> entry = view.intent(uid);
            Pending p = pending.get(uid);
            if (entry.isEmpty() && p == null) {
                throw refuse(Code.UNKNOWN_INTENT, "no intent " + uid, "uid");
            }
            Intent intent = entry.map(IntentView.Entry::intent).orElse(null);
            if (intent == null && p != null) {
                intent = p.intent();
            }
            IntentStatus status = entry.map(IntentView.Entry::status).orElse(null);
            ObjectNode out = EventJson.mapper().createObjectNode();
            out.put("uid", uid);
            IntentStatus.State state = status == null ? IntentStatus.State.OPEN : status.state();
            out.put("state", stateName(state));
            out.put("cancellationRequested", entry.map(IntentView.Entry::cancellationRequested).orElse(false)
                    || cancelled.contains(uid));
            if (intent == null) {
                out.putNull("intent");
            } else {
                out.set("intent", intentJson(intent));
            }
            ArrayNode history = out.putArray("history");
            if (status == null) {
                ObjectNode step = history.addObject();
                step.put("state", stateName(IntentStatus.State.OPEN));
                step.put("atMillis", entry.map(IntentView.Entry::receivedAtMillis).orElse(clockMillis.getAsLong()));
                step.put("note", "submitted");
            } else {
                for (IntentStatus.Step s : status.history()) {
                    ObjectNode step = EventJson.mapper().valueToTree(s);
                    step.put("state", stateName(s.state()));
                    history.add(step);
                }
            }
            return Answer.of(200, out);
        } catch (Rejection.Refused r) {
            return refused(r, "status");
        }
    }

    /** {@code GET /api/v1/tokens}. */
    public Answer tokens() {
        ArrayNode out = EventJson.mapper().createArrayNode();
        for (Deployment.TokenInfo t : deployment.tokens()) {
            out.addObject().put("symbol", t.symbol()).put("address", t.address()).put("decimals", t.decimals());
        }
        return Answer.of(200, out);
    }

    /** {@code GET /api/v1/auctions/{id}}: the auction's {@code AuctionClosed} record. */
    public Answer auction(String id) {
        try {
            long auctionId;
            try {
                auctionId = Long.parseLong(id);
            } catch (NumberFormatException e) {
                auctionId = -1;
            }
            if (auctionId < 0 || !id.matches("[0-9]+")) {
                throw refuse(Code.MALFORMED_AUCTION_ID, "auction id must be a non-negative integer", "id");
            }
            long finalId = auctionId;
            AuctionClosed closed = view.auction(auctionId)
                    .orElseThrow(() -> refuse(Code.UNKNOWN_AUCTION, "no result for auction " + finalId + " (yet)", "id"));
            try {
                return Answer.of(200, EventJson.mapper().readTree(EventJson.write(closed)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        } catch (Rejection.Refused r) {
            return refused(r, "auction");
        }
    }

    /** The answer for a body the server refused before the intake saw it (over the server's own cap). */
    public Answer tooLarge(String operation) {
        Rejection r = new Rejection(Code.BODY_TOO_LARGE, "body is over " + settings.maxBodyBytes() + " bytes", null);
        metrics.rejected(r.code(), operation);
        return Answer.of(r);
    }

    /** The JSON of an intent as the API takes and gives it. */
    public static ObjectNode intentJson(Intent intent) {
        ObjectNode n = EventJson.mapper().createObjectNode();
        n.put("uid", intent.uid());
        n.put("owner", intent.owner());
        n.put("side", intent.side().wire());
        n.put("sellToken", intent.sellToken());
        n.put("buyToken", intent.buyToken());
        n.put("sellAmount", intent.sellAmount().toString());
        n.put("buyAmount", intent.buyAmount().toString());
        n.put("validTo", intent.validTo());
        n.put("signature", intent.signature());
        return n;
    }

    static String stateName(IntentStatus.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Optional<Intent> knownIntent(String uid) {
        Optional<Intent> fromView = view.intent(uid).map(IntentView.Entry::intent);
        if (fromView.isPresent()) {
            return fromView;
        }
        Pending p = pending.get(uid);
        return p != null && p.published().isDone() && !p.published().isCompletedExceptionally()
                ? Optional.of(p.intent()) : Optional.empty();
    }

    private void checkSize(byte[] body) {
        if (body != null && body.length > settings.maxBodyBytes()) {
            throw refuse(Code.BODY_TOO_LARGE, "body is " + body.length + " bytes, over the cap of "
                    + settings.maxBodyBytes(), null);
        }
    }

    private void rateLimit(String owner) {
        if (!limiter.tryAcquire(owner)) {
            throw refuse(Code.RATE_LIMITED, "too many requests from owner " + owner + " (at most "
                    + settings.rateCapacity() + " at once, " + settings.ratePerSecond() + "/s)", "owner");
        }
    }

    private boolean isContract(String owner) {
        try {
            return chain.isContract(owner);
        } catch (ChainState.Unavailable e) {
            throw refuse(Code.CHAIN_UNAVAILABLE, "the chain did not answer: " + e.getMessage(), null);
        }
    }

    private void checkFunds(Intent intent) {
        BigInteger balance;
        BigInteger allowance;
        try {
            balance = chain.balanceOf(intent.sellToken(), intent.owner());
            allowance = chain.allowance(intent.sellToken(), intent.owner(), deployment.relayer());
        } catch (ChainState.Unavailable e) {
            throw refuse(Code.CHAIN_UNAVAILABLE, "the chain did not answer: " + e.getMessage(), null);
        }
        if (balance.compareTo(intent.sellAmount()) < 0) {
            throw refuse(Code.INSUFFICIENT_BALANCE, "owner holds " + balance + " of the sell token, less than "
                    + "sellAmount " + intent.sellAmount(), "sellAmount");
        }
        if (allowance.compareTo(intent.sellAmount()) < 0) {
            throw refuse(Code.INSUFFICIENT_ALLOWANCE, "owner approved the relayer " + deployment.relayer() + " for "
                    + allowance + " of the sell token, less than sellAmount " + intent.sellAmount(), "sellAmount");
        }
    }

    private Answer accepted(String uid, int status) {
        return Answer.accepted(status, uid);
    }

    /**
     * Drops acknowledged intents the view has caught up with, oldest first, so the pending table stays small: O(1)
     * amortised per submission (a scan of the whole table per submission made the intake quadratic while the view
     * lagged).
     */
    private void forgetSeen(String justAcknowledged) {
        synchronized (acknowledged) {
            acknowledged.add(justAcknowledged);
            String oldest;
            while ((oldest = acknowledged.peek()) != null && view.knows(oldest)) {
                acknowledged.poll();
                pending.remove(oldest);
            }
        }
    }
}
