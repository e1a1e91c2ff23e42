package io.fairauction.sdk;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Token;
import io.fairauction.solverapi.Pool;
import io.fairauction.solverapi.SolveRequest;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An auction as a solver sees it: the intents on offer, their tokens with native prices, the deployment's pools
 * with their reserves and fees when the auction was cut, the deadline, and the settlement contract that will
 * execute the winning bids (interactions run from it, so swaps pay out to it).
 */
public final class AuctionView {
    private final SolveRequest request;

    public AuctionView(SolveRequest request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /** The wire request this view reads. */
    public SolveRequest request() {
        return request;
    }

    /** The core auction (intents and tokens), e.g. to run screening or a mechanism on. */
    public Auction auction() {
        return request.auction();
    }

    public String id() {
        return request.auction().id();
    }

    public List<Intent> intents() {
        return request.auction().intents();
    }

    /** The intent with this uid (any letter case). */
    public Optional<Intent> intent(String uid) {
        return intents().stream().filter(i -> Hex.same(i.uid(), uid)).findFirst();
    }

    /** The auction's tokens by address, as declared. */
    public Map<String, Token> tokens() {
        return request.auction().tokens();
    }

    public Optional<Token> token(String address) {
        return request.auction().token(address);
    }

    /** Wei of the native token that 10^18 base units of {@code token} are worth; zero when the token is unknown. */
    public BigInteger nativePrice(String token) {
        return token(token).map(Token::nativePrice).orElse(BigInteger.ZERO);
    }

    /** The deployment's constant-product pools, reserves as of when the auction was cut. */
    public List<Pool> pools() {
        return request.liquidity();
    }

    /** The pool of these two tokens (either order), if the deployment has one. */
    public Optional<Pool> pool(String tokenA, String tokenB) {
        return pools().stream().filter(p -> p.trades(tokenA, tokenB)).findFirst();
    }

    /** When the gateway stops reading answers (the runtime answers a safety margin before). */
    public Instant deadline() {
        return Instant.ofEpochMilli(request.deadlineMillis());
    }

    /** The settlement contract: interactions run from it, and what a swap pays out must go to it. */
    public String settlement() {
        return request.settlement();
    }

    public long chainId() {
        return request.chainId();
    }

    @Override
    public String toString() {
        return "auction " + id() + " (" + intents().size() + " intents, " + pools().size() + " pools)";
    }
}
