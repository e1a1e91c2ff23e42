package io.fairauction.gateway;

import io.fairauction.solverapi.Notification;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.WireJson;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's HTTP calls to solvers ({@code java.net.http}, asynchronous): every request body is signed with the
 * solver's secret, and every answer body is read up to a cap and no further, so a solver cannot make the gateway
 * buffer an unbounded answer.
 */
public final class SolverHttp implements AutoCloseable {
    /** What a non-2xx answer's body may contribute to the rejection's detail. */
    static final int ERROR_SNIPPET_BYTES = 200;

    private final HttpClient client;
    private final ExecutorService executor;

    public SolverHttp(Duration connectTimeout) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gateway-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * An answer as it came off the wire, not yet judged.
     *
     * @param overCap true when the body was longer than the cap (then {@code body} holds what was read, at most cap+1)
     */
    public record Answer(int status, String solverHeader, String timestampHeader, String signatureHeader, byte[] body,
                         boolean overCap, long receivedAtMillis) {
    }

    /**
     * POSTs the signed request to {@code {endpoint}/solve}. The future fails with the transport's exception (timeout,
     * refused connection, reset); a non-2xx status is an {@link Answer} like any other.
     */
    public CompletableFuture<Answer> solve(SolverEndpoint solver, byte[] body, Duration timeout, int maxBytes) {
        HttpRequest request = signed(solver, HttpRequest.newBuilder(solver.solveUri()), body).timeout(timeout).build();
        return client.sendAsync(request, info -> capped(info, info.statusCode() / 100 == 2 ? maxBytes : ERROR_SNIPPET_BYTES))
                .thenApply(r -> new Answer(r.statusCode(),
                        r.headers().firstValue(RequestSigning.SOLVER_HEADER).orElse(null),
                        r.headers().firstValue(RequestSigning.TIMESTAMP_HEADER).orElse(null),
                        r.headers().firstValue(RequestSigning.SIGNATURE_HEADER).orElse(null),
                        r.body().bytes(), r.body().overCap(), System.currentTimeMillis()));
    }

    /** POSTs a signed notification to {@code {endpoint}/notify}; completes with the HTTP status. */
    public CompletableFuture<Integer> notify(SolverEndpoint solver, Notification notification, Duration timeout) {
        byte[] body = WireJson.writeNotification(notification);
        HttpRequest request = signed(solver, HttpRequest.newBuilder(solver.notifyUri()), body).timeout(timeout).build();
        return client.sendAsync(request, info -> capped(info, ERROR_SNIPPET_BYTES)).thenApply(HttpResponse::statusCode);
    }

    private static HttpRequest.Builder signed(SolverEndpoint solver, HttpRequest.Builder b, byte[] body) {
        long ts = System.currentTimeMillis();
        return b.header("Content-Type", "application/json")
                .header(RequestSigning.SOLVER_HEADER, solver.id())
                .header(RequestSigning.TIMESTAMP_HEADER, Long.toString(ts))
                .header(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(solver.secret(), ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A body read up to a cap. */
    record Capped(byte[] bytes, boolean overCap) {
    }

    private static HttpResponse.BodySubscriber<Capped> capped(HttpResponse.ResponseInfo info, int cap) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new CappedSubscriber(cap, declared > cap);
    }

    /** Reads at most cap + 1 bytes, then cancels the rest of the body. */
    private static final class CappedSubscriber implements HttpResponse.BodySubscriber<Capped> {
        private final int cap;
        private final boolean declaredOver;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<Capped> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedSubscriber(int cap, boolean declaredOver) {
            this.cap = cap;
            this.declaredOver = declaredOver;
        }

        @Override
        public CompletionStage<Capped> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declaredOver) {
                // Content-Length already says it is too large: read nothing.
                result.complete(new Capped(new byte[0], true));
                s.cancel();
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int room = cap + 1 - out.size();
                int take = Math.min(room, b.remaining());
                byte[] chunk = new byte[take];
                b.get(chunk);
                out.write(chunk, 0, take);
                if (out.size() > cap) {
                    result.complete(new Capped(out.toByteArray(), true));
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new Capped(out.toByteArray(), false));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
