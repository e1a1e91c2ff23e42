package io.fairauction.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fairauction.core.model.Bid;
import io.fairauction.solverapi.BidChecks;
import io.fairauction.solverapi.Notification;
import io.fairauction.solverapi.RequestSigning;
import io.fairauction.solverapi.SolveRequest;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireFormatException;
import io.fairauction.solverapi.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The embedded runtime that serves a {@link Solver} to the gateway over HTTP (the JDK's server, no framework):
 * {@code POST {base}/solve} and {@code POST {base}/notify} of docs/solver-api.md.
 *
 * <p>Every request must carry the gateway's HMAC ({@link RequestSigning}) made with this solver's secret under
 * this solver's id, within the allowed clock skew, and not seen before; otherwise 401. Bodies over the cap get
 * 413 before they are read in full; a body that is not the wire format gets 400 with the field named. A solve
 * request runs the solver on a worker thread until it returns or until the deadline minus the safety margin,
 * whichever comes first; then the offered bids are validated locally ({@link LocalValidation}), ranked, cut at
 * the cap and sent back signed. A solver that throws, hangs or offers nothing still gets a valid (possibly empty)
 * answer sent on time: the gateway never sees an exception. Notifications are answered 204 at once and dispatched
 * to the {@link NotificationListener} on a separate thread.
 *
 * <pre>{@code
 * try (SolverServer server = SolverServer.builder("my-solver", secret, mySolver).build().start(8090)) {
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class SolverServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SolverServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPLAY_MEMORY = 10_000;

    private final Builder config;
    private final NotificationListener listener;
    private final Stats stats = new Stats();
    private final Map<String, Boolean> seenSignatures = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REPLAY_MEMORY;
        }
    };
    private HttpServer server;
    private ExecutorService handlers;
    private ExecutorService workers;
    private ExecutorService dispatcher;
    private final Object closed = new Object();
    private boolean stopped;

    private SolverServer(Builder config) {
        this.config = config;
        this.listener = config.listener != null ? config.listener
                : config.solver instanceof NotificationListener l ? l : new NotificationListener() {
                };
    }

    /**
     * @param solverId the id the gateway knows this solver by (the {@code X-Fair-Auction-Solver} header)
     * @param secret   the shared HMAC secret of this solver
     * @param solver   the solver served
     */
    public static Builder builder(String solverId, String secret, Solver solver) {
        return new Builder(solverId, secret, solver);
    }

    /** Binds {@code port} on all interfaces (0: a free port, see {@link #port()}) and starts serving. */
    public synchronized SolverServer start(int port) {
        return start(new InetSocketAddress(port));
    }

    /** Binds {@code address} and starts serving. */
    public synchronized SolverServer start(InetSocketAddress address) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + address + ": " + e.getMessage(), e);
        }
        handlers = Executors.newFixedThreadPool(config.handlerThreads, daemon("solver-http"));
        workers = Executors.newFixedThreadPool(config.workers, daemon("solver-worker"));
        dispatcher = Executors.newSingleThreadExecutor(daemon("solver-notify"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        LOG.log(Level.INFO, "solver {0} serving on port {1}", config.solverId, String.valueOf(port()));
        return this;
    }

    /** The bound port. */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><base>}: the endpoint to register with the gateway. */
    public String endpoint() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + config.basePath;
    }

    public String solverId() {
        return config.solverId;
    }

    /** Counters since start. */
    public Stats stats() {
        return stats;
    }

    /** Blocks until {@link #close()} is called (a {@code main} that serves until killed). */
    public void awaitClose() throws InterruptedException {
        synchronized (closed) {
            while (!stopped) {
                closed.wait();
            }
        }
    }

    /** Stops serving at once and stops the worker threads (running solvers are interrupted). */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            handlers.shutdownNow();
            workers.shutdownNow();
            dispatcher.shutdown();
            try {
                dispatcher.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dispatcher.shutdownNow();
        }
        synchronized (closed) {
            stopped = true;
            closed.notifyAll();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            String route = path.startsWith(config.basePath) ? path.substring(config.basePath.length()) : "";
            if (!route.equals("/solve") && !route.equals("/notify")) {
                stats.notFound.incrementAndGet();
                error(ex, 404, "not-found", "POST " + config.basePath + "/solve or /notify", "");
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                stats.notFound.incrementAndGet();
                ex.getResponseHeaders().set("Allow", "POST");
                error(ex, 405, "method-not-allowed", "only POST", "");
                return;
            }
            byte[] body = readCapped(ex);
            if (body == null) {
                stats.tooLarge.incrementAndGet();
                error(ex, 413, "too-large", "the body is over " + config.maxRequestBytes + " bytes", "");
                return;
            }
            String refused = authenticate(ex, body);
            if (refused != null) {
                stats.unauthenticated.incrementAndGet();
                LOG.log(Level.WARNING, "refused {0} {1}: {2}", ex.getRequestMethod(), path, refused);
                error(ex, 401, "unauthenticated", refused, "");
                return;
            }
            if (route.equals("/solve")) {
                solve(ex, body);
            } else {
                notify(ex, body);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "request failed: " + e, e);
            try {
                error(ex, 500, "internal", String.valueOf(e.getMessage()), "");
            } catch (IOException | RuntimeException ignored) {
                // the exchange is gone; nothing more to tell
            }
        } finally {
            ex.close();
        }
    }

    /** The body, or {@code null} when it is over the cap (then not read further). */
    private byte[] readCapped(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > config.maxRequestBytes) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(config.maxRequestBytes + 1);
            return body.length > config.maxRequestBytes ? null : body;
        }
    }

    /** Why the request is not the gateway's, or {@code null} when it is. */
    private String authenticate(HttpExchange ex, byte[] body) {
        String solver = ex.getRequestHeaders().getFirst(RequestSigning.SOLVER_HEADER);
        String timestamp = ex.getRequestHeaders().getFirst(RequestSigning.TIMESTAMP_HEADER);
        String signature = ex.getRequestHeaders().getFirst(RequestSigning.SIGNATURE_HEADER);
        if (solver == null || timestamp == null || signature == null) {
            return "missing " + RequestSigning.SOLVER_HEADER + ", " + RequestSigning.TIMESTAMP_HEADER + " or "
                    + RequestSigning.SIGNATURE_HEADER;
        }
        if (!solver.equals(config.solverId)) {
            return "addressed to solver \"" + solver + "\", this is \"" + config.solverId + "\"";
        }
        if (!RequestSigning.verify(config.secret, timestamp, signature, body, config.clock.getAsLong())) {
            return "signature does not verify (wrong secret, altered body, or timestamp more than "
                    + RequestSigning.MAX_SKEW_MILLIS + " ms off)";
        }
        synchronized (seenSignatures) {
            if (seenSignatures.putIfAbsent(signature.toLowerCase(java.util.Locale.ROOT), Boolean.TRUE) != null) {
                return "replayed: this signature was seen before";
            }
        }
        return null;
    }

    private void solve(HttpExchange ex, byte[] body) throws IOException {
        long received = config.clock.getAsLong();
        SolveRequest request;
        try {
            request = WireJson.readRequest(body);
        } catch (WireFormatException e) {
            stats.malformed.incrementAndGet();
            error(ex, 400, "malformed", e.getMessage(), e.field());
            return;
        }
        stats.solveRequests.incrementAndGet();
        AuctionView auction = new AuctionView(request);
        long answerBy = Math.min(request.deadlineMillis() - config.safetyMargin.toMillis(),
                received + config.maxSolveTime.toMillis());
        SolveContext context = new SolveContext(auction, config.solverId, answerBy, config.clock);
        if (answerBy > received) {
            Future<?> run = workers.submit(() -> {
                if (!context.expired()) {
                    config.solver.solve(context);
                }
                return null;
            });
            try {
                run.get(answerBy - received, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                stats.cutAtDeadline.incrementAndGet();
            } catch (ExecutionException e) {
                stats.solverErrors.incrementAndGet();
                LOG.log(Level.WARNING, "solver failed on auction " + auction.id() + "; answering with what it offered",
                        e.getCause());
            } catch (InterruptedException e) {
                run.cancel(true);
                Thread.currentThread().interrupt();
            }
        } else {
            stats.cutAtDeadline.incrementAndGet();
            LOG.log(Level.WARNING, "auction {0} arrived {1} ms before its deadline, less than the safety margin; "
                    + "answering empty", auction.id(), request.deadlineMillis() - received);
        }
        List<Bid> offered = context.close();
        BidChecks.Checked checked;
        try {
            checked = config.validation.check(auction, config.solverId, offered);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "local validation failed on auction " + auction.id() + "; answering empty", e);
            checked = new BidChecks.Checked(List.of(), List.of());
        }
        List<Bid> answer = new ArrayList<>(checked.accepted());
        List<BidChecks.Rejection> rejected = new ArrayList<>(checked.rejected());
        byte[] out = WireJson.writeResponse(new SolveResponse(answer));
        while (out.length > config.maxResponseBytes && !answer.isEmpty()) {
            Bid dropped = answer.remove(answer.size() - 1); // the lowest score goes first
            rejected.add(new BidChecks.Rejection(dropped.id(), io.fairauction.solverapi.BidRejection.TOO_LARGE,
                    "the answer would be over " + config.maxResponseBytes + " bytes with it"));
            out = WireJson.writeResponse(new SolveResponse(answer));
        }
        if (!rejected.isEmpty()) {
            stats.locallyRejected.addAndGet(rejected.size());
            for (BidChecks.Rejection r : rejected) {
                LOG.log(Level.WARNING, "auction {0}: bid {1} not sent: {2} ({3})", auction.id(), r.bidId(),
                        r.code().wire(), r.detail());
            }
            List<BidChecks.Rejection> report = List.copyOf(rejected);
            dispatch(() -> listener.onLocallyRejected(auction.id(), report));
        }
        stats.bidsSent.addAndGet(answer.size());
        long now = config.clock.getAsLong();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set(RequestSigning.SOLVER_HEADER, config.solverId);
        ex.getResponseHeaders().set(RequestSigning.TIMESTAMP_HEADER, Long.toString(now));
        ex.getResponseHeaders().set(RequestSigning.SIGNATURE_HEADER, RequestSigning.sign(config.secret, now, out));
        send(ex, 200, out);
    }

    private void notify(HttpExchange ex, byte[] body) throws IOException {
        Notification n;
        try {
            n = WireJson.readNotification(body);
        } catch (WireFormatException e) {
            stats.malformed.incrementAndGet();
            error(ex, 400, "malformed", e.getMessage(), e.field());
            return;
        }
        stats.notifications.incrementAndGet();
        BidEvent event = BidEvent.of(n);
        dispatch(() -> listener.on(event));
        ex.sendResponseHeaders(204, -1);
    }

    private void dispatch(Runnable callback) {
        try {
            dispatcher.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "notification callback failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the server is closing; callbacks after close are dropped
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message, String field) throws IOException {
        ObjectNode node = JSON.createObjectNode().put("code", code).put("message", message).put("field", field);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Counters of what the server did since start. */
    public static final class Stats {
        final AtomicLong solveRequests = new AtomicLong();
        final AtomicLong notifications = new AtomicLong();
        final AtomicLong unauthenticated = new AtomicLong();
        final AtomicLong tooLarge = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong notFound = new AtomicLong();
        final AtomicLong cutAtDeadline = new AtomicLong();
        final AtomicLong solverErrors = new AtomicLong();
        final AtomicLong locallyRejected = new AtomicLong();
        final AtomicLong bidsSent = new AtomicLong();

        /** Authenticated, well-formed solve requests answered. */
        public long solveRequests() {
            return solveRequests.get();
        }

        public long notifications() {
            return notifications.get();
        }

        /** Requests refused 401 (missing or bad signature, other solver id, replay). */
        public long unauthenticated() {
            return unauthenticated.get();
        }

        /** Requests refused 413. */
        public long tooLarge() {
            return tooLarge.get();
        }

        /** Requests refused 400. */
        public long malformed() {
            return malformed.get();
        }

        /** Requests to other paths or with other methods (404, 405). */
        public long notFound() {
            return notFound.get();
        }

        /** Answers cut at the deadline while the solver was still running (or that came too late to run it). */
        public long cutAtDeadline() {
            return cutAtDeadline.get();
        }

        /** Solver runs that threw. */
        public long solverErrors() {
            return solverErrors.get();
        }

        /** Offered bids not sent because local validation refused them. */
        public long locallyRejected() {
            return locallyRejected.get();
        }

        public long bidsSent() {
            return bidsSent.get();
        }
    }

    /** How the runtime serves a solver. */
    public static final class Builder {
        private final String solverId;
        private final String secret;
        private final Solver solver;
        private NotificationListener listener;
        private Duration safetyMargin = Duration.ofMillis(200);
        private Duration maxSolveTime = Duration.ofSeconds(30);
        private int maxRequestBytes = 8 << 20;
        private int maxResponseBytes = 4 << 20;
        private int workers = 2;
        private int handlerThreads = 4;
        private LocalValidation validation = LocalValidation.defaults();
        private LongSupplier clock = System::currentTimeMillis;
        private String basePath = "";

        private Builder(String solverId, String secret, Solver solver) {
            this.solverId = Objects.requireNonNull(solverId, "solverId");
            this.secret = Objects.requireNonNull(secret, "secret");
            this.solver = Objects.requireNonNull(solver, "solver");
            if (solverId.isEmpty() || secret.isEmpty()) {
                throw new IllegalArgumentException("solver id and secret must not be empty");
            }
        }

        /** Who hears about the bids' fate; by default the solver itself when it is a {@link NotificationListener}. */
        public Builder listener(NotificationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The answer is cut this long before the auction's deadline (time to validate, sign and send). Default 200 ms. */
        public Builder safetyMargin(Duration margin) {
            if (margin.isNegative()) {
                throw new IllegalArgumentException("safety margin must not be negative");
            }
            this.safetyMargin = margin;
            return this;
        }

        /** A solver never runs longer than this, whatever the deadline says. Default 30 s. */
        public Builder maxSolveTime(Duration max) {
            if (max.isNegative() || max.isZero()) {
                throw new IllegalArgumentException("max solve time must be positive");
            }
            this.maxSolveTime = max;
            return this;
        }

        /** Requests over this many bytes are refused 413 unread. Default 8 MiB. */
        public Builder maxRequestBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxRequestBytes must be positive");
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /** Answers are kept under this many bytes by leaving out the lowest-scoring bids. Default 4 MiB. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 64");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** How many auctions may be solved at once. Default 2. */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = n;
            return this;
        }

        /** The bid cap and forbidden targets of local validation (match the gateway's). */
        public Builder validation(LocalValidation validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** Epoch milliseconds now; for tests. */
        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A path prefix the endpoints live under, e.g. {@code /solvers/mine}; default none. */
        public Builder basePath(String path) {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (!p.isEmpty() && !p.startsWith("/")) {
                throw new IllegalArgumentException("base path must start with /");
            }
            this.basePath = p;
            return this;
        }

        public SolverServer build() {
            return new SolverServer(this);
        }

        /** Builds and starts on {@code port} (0: a free port). */
        public SolverServer start(int port) {
            return build().start(port);
        }
    }
}
