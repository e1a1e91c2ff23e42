package io.fairauction.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.DevMarket;
import io.fairauction.chain.IntentSignatures;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.web3j.crypto.Credentials;

/**
 * Simulated traders: dev accounts funded with every token and the relayer approved, who sign sell intents over the
 * deployment's pools (random pair, direction and size from a seeded generator, a limit 0.5-3% under the pool's
 * quote) and post them to the collector's HTTP API as any client would. Some cancel an intent shortly after.
 */
final class Traders {
    /** A typical trade size per token, in base units. */
    private static final Map<String, BigInteger> SIZE = Map.of(
            "WETH", new BigInteger("1000000000000000000"),
            "USDC", BigInteger.valueOf(3_000_000_000L),
            "DAI", new BigInteger("3000000000000000000000"),
            "WBTC", BigInteger.valueOf(5_000_000L));

    /** What a trader did with one intent. */
    record Submitted(Intent intent, Credentials owner, long acceptedAtMillis) {
    }

    private final DevMarket market;
    private final Deployment deployment;
    private final List<Credentials> accounts;
    private final String collector;
    private final Random random;
    private final LongSupplier chainTime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    final Map<String, Submitted> accepted = new ConcurrentHashMap<>();
    final Map<String, String> cancelRequested = new ConcurrentHashMap<>();
    final AtomicLong refused = new AtomicLong();

    Traders(DevMarket market, Deployment deployment, int count, String collector, long seed, LongSupplier chainTime) {
        this.market = market;
        this.deployment = deployment;
        this.accounts = java.util.stream.IntStream.range(0, count).mapToObj(i -> DevAccounts.account(10 + i)).toList();
        this.collector = collector;
        this.random = new Random(seed);
        this.chainTime = chainTime;
    }

    /** What {@link #fund()} gives each trader of {@code symbol}: 100 typical trade sizes. */
    static BigInteger funding(String symbol) {
        return SIZE.get(symbol).multiply(BigInteger.valueOf(100));
    }

    /** Mints each trader {@link #funding} of every token and approves the relayer for them. */
    void fund() {
        for (Credentials t : accounts) {
            for (Deployment.TokenInfo token : deployment.tokens()) {
                market.fund(t.getAddress(), token.symbol(), funding(token.symbol()));
                market.approveRelayer(t, token.symbol());
            }
        }
    }

    List<Credentials> accounts() {
        return accounts;
    }

    /** The body of {@code POST /api/v1/intents} for a signed intent, as a wallet posts it (no uid). */
    static String body(Intent intent) {
        try {
            return JSON.writeValueAsString(Map.of(
                    "owner", intent.owner(), "side", intent.side().wire(), "sellToken", intent.sellToken(),
                    "buyToken", intent.buyToken(), "sellAmount", intent.sellAmount().toString(),
                    "buyAmount", intent.buyAmount().toString(), "validTo", intent.validTo(),
                    "signature", intent.signature()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs and posts one intent; its uid when the collector accepted it. */
    Optional<String> submitOne(long validForSeconds) throws IOException, InterruptedException {
        Deployment.PoolInfo pool = deployment.pools().get(random.nextInt(deployment.pools().size()));
        boolean forward = random.nextBoolean();
        String sell = forward ? pool.tokenA() : pool.tokenB();
        String buy = forward ? pool.tokenB() : pool.tokenA();
        BigDecimal fraction = BigDecimal.valueOf(2 + random.nextInt(99)).movePointLeft(2);
        BigInteger amount = new BigDecimal(SIZE.get(sell)).multiply(fraction).toBigInteger();
        BigInteger quote = market.quote(sell, buy, amount);
        int slipBps = 50 + random.nextInt(251);
        BigInteger limit = quote.multiply(BigInteger.valueOf(10_000 - slipBps)).divide(BigInteger.valueOf(10_000));
        if (limit.signum() <= 0) {
            return Optional.empty();
        }
        Credentials owner = accounts.get(random.nextInt(accounts.size()));
        Intent intent = market.intent(owner, Side.SELL, sell, buy, amount, limit, chainTime.getAsLong() + validForSeconds);
        String body = body(intent);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(collector + "/api/v1/intents"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            refused.incrementAndGet();
            return Optional.empty();
        }
        JsonNode answer = JSON.readTree(r.body());
        String uid = answer.path("uid").asText(intent.uid()).toLowerCase(java.util.Locale.ROOT);
        accepted.put(uid, new Submitted(intent, owner, System.currentTimeMillis()));
        return Optional.of(uid);
    }

    /** A random accepted intent, for a trader who changes their mind. */
    boolean shouldCancel() {
        return random.nextInt(100) < 5;
    }

    /** Posts the owner's signed cancellation; true when the collector took it. */
    boolean cancel(String uid) throws IOException, InterruptedException {
        Submitted s = accepted.get(uid);
        if (s == null || cancelRequested.putIfAbsent(uid, uid) != null) {
            return false;
        }
        String signature = IntentSignatures.signCancellation(s.intent().uid(), s.owner().getEcKeyPair(), deployment.domain());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(collector + "/api/v1/intents/" + s.intent().uid()))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .method("DELETE", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("signature", signature))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() / 100 == 2;
    }
}
