package io.fairauction.sdk;

import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Token;
import io.fairauction.solverapi.Pool;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.SolveRequest;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small auction (WETH/USDC, one pool) and a gateway-side HTTP client that signs like the gateway. */
final class TestAuctions {
    static final String WETH = "0x" + "a".repeat(40);
    static final String USDC = "0x" + "b".repeat(40);
    static final String POOL = "0x" + "c".repeat(40);
    static final String SETTLEMENT = "0x" + "d".repeat(40);
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final BigInteger DOLLAR = BigInteger.TEN.pow(6);
    static final String SECRET = "s3cret";
    static final String SOLVER = "solver-1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestAuctions() {
    }

    /** Alice sells 1 WETH for at least 2 900 USDC; Bob sells 3 000 USDC for at least 0.99 WETH. */
    static Auction auction() {
        Map<String, Token> tokens = new LinkedHashMap<>();
        tokens.put(WETH, new Token(WETH, 18, "WETH", ETHER));
        tokens.put(USDC, new Token(USDC, 6, "USDC", new BigInteger("333333333333333333333333333")));
        return new Auction("7", tokens, List.of(aliceSells(), bobSells()), WETH);
    }

    static Intent aliceSells() {
        return new Intent("0x01", "0x" + "1".repeat(40), Side.SELL, WETH, USDC, ETHER, DOLLAR.multiply(BigInteger.valueOf(2900)), 2_000_000_000L, "");
    }

    static Intent bobSells() {
        return new Intent("0x02", "0x" + "2".repeat(40), Side.SELL, USDC, WETH, DOLLAR.multiply(BigInteger.valueOf(3000)),
                ETHER.multiply(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100)), 2_000_000_000L, "");
    }

    /** 1 000 WETH against 3 000 000 USDC, 0.3%. */
    static Pool pool() {
        return new Pool(POOL, WETH, USDC, ETHER.multiply(BigInteger.valueOf(1000)), DOLLAR.multiply(BigInteger.valueOf(3_000_000)), 30);
    }

    static SolveRequest request(long deadlineMillis) {
        return new SolveRequest(auction(), List.of(pool()), deadlineMillis, SETTLEMENT, 31337);
    }

    /** POSTs {@code body} signed with {@code secret} under {@code solverId}, as the gateway does. */
    static HttpResponse<byte[]> post(String url, String solverId, String secret, byte[] body) throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header(RequestSigning.SOLVER_HEADER, solverId)
                .header(RequestSigning.TIMESTAMP_HEADER, Long.toString(now))
                .header(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
