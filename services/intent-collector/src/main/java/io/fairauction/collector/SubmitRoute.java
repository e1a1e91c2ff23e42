package io.fairauction.collector;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.netty.body.NettyByteBodyFactory;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.handler.OutboundAccess;
import io.micronaut.http.server.netty.handler.PipeliningServerHandler;
import io.micronaut.http.server.netty.handler.RequestHandler;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/intents} without Micronaut's routing, filters, argument binding and body writers, which cost
 * more CPU per intent than the intake's own parsing, hashing and signer recovery (docs/benchmarks.md). It sits inside
 * Micronaut's pipelining handler, in front of Micronaut's request handler: that handler still owns the connection,
 * keeps the answers of pipelined requests in request order, applies keep-alive, the content length and compression,
 * and every request this route does not take (any other route, method or URI, a body over the intake's cap, an
 * {@code Expect}, {@code Transfer-Encoding} or {@code Content-Encoding} header, a content type or {@code Accept}
 * other than JSON) goes to Micronaut as before. The answers are the controller's: the same {@link Intake} call,
 * status, headers, JSON body and {@code collector.requests} timer; {@code CollectorServiceTest} compares the two.
 */
@Singleton
@Requires(env = "collector")
public class SubmitRoute {
    private static final Logger LOG = LoggerFactory.getLogger(SubmitRoute.class);
    static final String PATH = "/api/v1/intents";
    private static final String JSON = "application/json";

    /** Micronaut's request handler inside its pipelining handler: the one seam between the two (see the class doc). */
    private static final Field REQUEST_HANDLER = requestHandlerField();

    private final Intake intake;
    private final boolean checksCallTheChain;
    private final ExecutorService blocking;
    private final RequestTimers timers;
    private final long maxBodyBytes;
    private final boolean dateHeader;
    private final String serverHeader;
    private final boolean keepAliveOnServerError;
    /** Whether the server is configured so that the route's answers are the controller's (else Micronaut answers). */
    private final boolean enabled;
    private final HttpResponseStatus[] statuses = new HttpResponseStatus[600];
    private volatile CachedDate date = new CachedDate(Long.MIN_VALUE, "");
    /** Requests this route answered: how the tests tell it from Micronaut's router, which answers the same. */
    private final LongAdder taken = new LongAdder();

    private record CachedDate(long epochSecond, String text) {
    }

    public SubmitRoute(Intake intake, IntakeSettings settings, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                       RequestTimers timers, NettyHttpServerConfiguration server) {
        this.intake = intake;
        this.checksCallTheChain = settings.checkBalances();
        this.blocking = blocking;
        this.timers = timers;
        // Bodies over either cap go to Micronaut, which refuses them as before (intake 413 "submit", server 413 "post").
        this.maxBodyBytes = Math.min(settings.maxBodyBytes(), server.getMaxRequestSize());
        this.dateHeader = server.isDateHeader();
        this.serverHeader = server.getServerHeader().orElse(null);
        this.keepAliveOnServerError = server.isKeepAliveOnServerError();
        String contextPath = server.getContextPath();
        // CORS and a context path change what Micronaut answers (headers, path): leave the route to Micronaut then.
        this.enabled = REQUEST_HANDLER != null && !server.getCors().isEnabled()
                && (contextPath == null || contextPath.isEmpty() || contextPath.equals("/"));
    }

    private static Field requestHandlerField() {
        try {
            Field f = PipeliningServerHandler.class.getDeclaredField("requestHandler");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(SubmitRoute.class).warn("POST {} goes through Micronaut's router: this Micronaut "
                    + "version's pipelining handler has no request handler field ({})", PATH, e.toString());
            return null;
        }
    }

    /** Puts the route in front of Micronaut's request handler on a new HTTP/1.x connection's pipeline. */
    void install(Channel channel) {
        if (!enabled) {
            return;
        }
        ChannelHandler handler = channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND);
        if (!(handler instanceof PipeliningServerHandler pipelining)) {
            return; // HTTP/2 streams and anything else: Micronaut's own handling.
        }
        try {
            RequestHandler micronaut = (RequestHandler) REQUEST_HANDLER.get(pipelining);
            if (!(micronaut instanceof Handler)) {
                REQUEST_HANDLER.set(pipelining, new Handler(micronaut, new NettyByteBodyFactory(channel)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("POST {} goes through Micronaut's router on this connection: {}", PATH, e.toString());
        }
    }

    /** Whether this route answers {@code request}; everything else is Micronaut's. */
    boolean takes(HttpRequest request) {
        if (!HttpMethod.POST.equals(request.method()) || !PATH.equals(request.uri())
                || !request.decoderResult().isSuccess()) {
            return false;
        }
        HttpHeaders h = request.headers();
        long length = contentLength(h.get(HttpHeaderNames.CONTENT_LENGTH));
        if (length < 0 || length > maxBodyBytes || h.contains(HttpHeaderNames.TRANSFER_ENCODING)
                || h.contains(HttpHeaderNames.CONTENT_ENCODING) || h.contains(HttpHeaderNames.EXPECT)) {
            return false;
        }
        String type = h.get(HttpHeaderNames.CONTENT_TYPE);
        String accept = h.get(HttpHeaderNames.ACCEPT);
        return (type == null || type.equalsIgnoreCase(JSON))
                && (accept == null || accept.equals("*/*") || accept.equalsIgnoreCase(JSON));
    }

    /** The value of a Content-Length header, or -1 if absent or not a plain decimal. */
    private static long contentLength(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    long taken() {
        return taken.sum();
    }

    private void submit(CloseableByteBody body, OutboundAccess out, NettyByteBodyFactory bodies) {
        taken.increment();
        body.buffer().whenComplete((available, error) -> {
            if (error != null) {
                bodyFailed(error, out, bodies);
                return;
            }
            long started = System.nanoTime();
            byte[] bytes;
            try (CloseableAvailableByteBody b = available) {
                bytes = b.toByteArray();
            }
            // As the controller: the checks run on the event loop unless they wait for the chain.
            CompletableFuture<Answer> answer = checksCallTheChain
                    ? CompletableFuture.supplyAsync(() -> intake.submit(bytes), blocking).thenCompose(f -> f)
                    : intake.submit(bytes);
            answer.whenComplete((a, failed) -> {
                if (failed != null) {
                    // Intake.submit never fails; should it, the client gets what Micronaut sends when it cannot answer.
                    LOG.error("submission failed", failed);
                    out.closeAfterWrite();
                    out.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR),
                            NettyByteBodyFactory.empty());
                    return;
                }
                timers.record("submit", a.status(), started);
                write(a, out, bodies);
            });
        });
    }

    /** A body that could not be read: over the server's cap as the controller's error handler answers it, else 500. */
    private void bodyFailed(Throwable error, OutboundAccess out, NettyByteBodyFactory bodies) {
        Throwable cause = Intake.unwrapped(error);
        if (cause instanceof ContentLengthExceededException) {
            long started = System.nanoTime();
            Answer a = intake.tooLarge("post");
            timers.record("post", a.status(), started);
            write(a, out, bodies);
            return;
        }
        LOG.debug("request body not readable", cause);
        out.closeAfterWrite();
        out.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.INTERNAL_SERVER_ERROR),
                NettyByteBodyFactory.empty());
    }

    /** The answer with the headers Micronaut gives the controller's response (content length: the pipelining handler). */
    private void write(Answer a, OutboundAccess out, NettyByteBodyFactory bodies) {
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status(a.status()));
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, JSON);
        if (dateHeader) {
            h.set(HttpHeaderNames.DATE, date());
        }
        if (serverHeader != null) {
            h.set(HttpHeaderNames.SERVER, serverHeader);
        }
        if (a.status() >= 500 && !keepAliveOnServerError) {
            out.closeAfterWrite();
        }
        out.write(response, bodies.adapt(Unpooled.wrappedBuffer(a.json().getBytes(StandardCharsets.UTF_8))));
    }

    /** The status with Micronaut's reason phrase, as its responses carry it. */
    private HttpResponseStatus status(int code) {
        HttpResponseStatus s = statuses[code];
        if (s == null) {
            s = HttpResponseStatus.valueOf(code, HttpStatus.valueOf(code).getReason());
            statuses[code] = s;
        }
        return s;
    }

    /** Micronaut's Date header (RFC 1123, GMT), formatted once a second instead of once a response. */
    private String date() {
        long now = System.currentTimeMillis() / 1000;
        CachedDate d = date;
        if (d.epochSecond() != now) {
            d = new CachedDate(now, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.ofInstant(Instant.ofEpochSecond(now), ZoneOffset.UTC)));
            date = d;
        }
        return d.text();
    }

    /** The request handler of one connection: this route's requests here, all others to Micronaut's. */
    final class Handler implements RequestHandler {
        private final RequestHandler micronaut;
        /** Wraps answer bytes as the connection's response bodies. */
        private final NettyByteBodyFactory bodies;

        Handler(RequestHandler micronaut, NettyByteBodyFactory bodies) {
            this.micronaut = micronaut;
            this.bodies = bodies;
        }

        @Override
        public void accept(ChannelHandlerContext ctx, HttpRequest request, CloseableByteBody body, OutboundAccess out) {
            if (takes(request)) {
                submit(body, out, bodies);
            } else {
                micronaut.accept(ctx, request, body, out);
            }
        }

        @Override
        public void handleUnboundError(Throwable cause) {
            micronaut.handleUnboundError(cause);
        }

        @Override
        public void responseWritten(Object attachment) {
            micronaut.responseWritten(attachment);
        }

        @Override
        public void removed() {
            micronaut.removed();
        }
    }

    /** Installs the route on every new connection, once the connection's pipeline is built. */
    @Singleton
    @Requires(env = "collector")
    static class Installer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
        private final Provider<SubmitRoute> route;

        Installer(Provider<SubmitRoute> route) {
            this.route = route;
        }

        @Override
        public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
            event.getBean().register(new NettyServerCustomizer() {
                @Override
                public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                    if (role != ChannelRole.CONNECTION) {
                        return this;
                    }
                    return new NettyServerCustomizer() {
                        @Override
                        public void onStreamPipelineBuilt() {
                            route.get().install(channel);
                        }
                    };
                }
            });
            return event.getBean();
        }
    }
}
