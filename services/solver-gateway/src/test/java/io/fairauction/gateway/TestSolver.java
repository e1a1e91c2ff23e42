package io.fairauction.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fairauction.solverapi.Notification;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solverapi.WireFormatException;
import io.fairauction.solverapi.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A solver as a small real HTTP server: {@code /solve} answers with what its behaviour returns, {@code /notify}
 * records every notification whose signature checks out. Requests whose signature does not check out are recorded
 * as forged and answered 401.
 */
final class TestSolver implements AutoCloseable {
    /** What the solver answers to a request. */
    interface Behaviour {
        Reply answer(SolveRequest request, TestSolver self) throws Exception;
    }

    /**
     * An HTTP answer. {@code chunked} sends it without a Content-Length.
     */
    record Reply(int status, byte[] body, String solverHeader, String secret, boolean chunked) {
        static Reply signed(TestSolver s, byte[] body) {
            return new Reply(200, body, s.id, s.secret, false);
        }
    }

    final String id;
    final String secret;
    final String payout;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<SolveRequest> requests = new CopyOnWriteArrayList<>();
    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    final List<String> forged = new CopyOnWriteArrayList<>();

    TestSolver(String id, String secret, String payout, Behaviour behaviour) throws IOException {
        this.id = id;
        this.secret = secret;
        this.payout = payout;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/solve", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                if (!authentic(ex, body)) {
                    forged.add("solve");
                    send(ex, new Reply(401, new byte[0], null, null, false));
                    return;
                }
                SolveRequest request = WireJson.readRequest(body);
                requests.add(request);
                send(ex, behaviour.answer(request, this));
            } catch (Exception e) {
                // The exchange is closed; the gateway sees a reset or an empty answer.
            }
        });
        server.createContext("/notify", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                if (!authentic(ex, body)) {
                    forged.add("notify");
                    send(ex, new Reply(401, new byte[0], null, null, false));
                    return;
                }
                notifications.add(WireJson.readNotification(body));
                send(ex, new Reply(204, new byte[0], null, null, false));
            } catch (WireFormatException e) {
                forged.add("notify: " + e.getMessage());
            }
        });
        server.start();
    }

    private boolean authentic(HttpExchange ex, byte[] body) {
        var h = ex.getRequestHeaders();
        return id.equals(h.getFirst(RequestSigning.SOLVER_HEADER))
                && RequestSigning.verify(secret, h.getFirst(RequestSigning.TIMESTAMP_HEADER),
                h.getFirst(RequestSigning.SIGNATURE_HEADER), body, System.currentTimeMillis());
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        if (reply.solverHeader() != null) {
            long ts = System.currentTimeMillis();
            ex.getResponseHeaders().add(RequestSigning.SOLVER_HEADER, reply.solverHeader());
            ex.getResponseHeaders().add(RequestSigning.TIMESTAMP_HEADER, Long.toString(ts));
            ex.getResponseHeaders().add(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(reply.secret(), ts, reply.body()));
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (reply.status() == 204 || reply.body().length == 0) {
            ex.sendResponseHeaders(reply.status(), -1);
            return;
        }
        ex.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : reply.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(reply.body());
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    SolverEndpoint endpointConfig() {
        return new SolverEndpoint(id, endpoint(), secret, payout);
    }

    /** The notifications received so far, of one kind. */
    List<Notification> notifications(Notification.Kind kind) {
        return notifications.stream().filter(n -> n.kind() == kind).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
