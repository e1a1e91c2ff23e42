package io.fairauction.devnet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmarks' load generator: kept-alive HTTP/1.1 connections that POST bodies, one request in flight per
 * connection, all driven by one thread through a selector (as wrk does). On a 2-core machine the generator shares the
 * cores with what it measures: the JDK's HttpClient spent more CPU per request than the collector it measured, and a
 * blocking thread per connection (128 threads) paid a wake-up and two context switches per request.
 * Deliberately minimal: Content-Length responses only, no chunking, no redirects.
 */
final class HttpLoad implements AutoCloseable {
    /** No response for this long on any connection: the run is abandoned (what is left counts as not answered). */
    private static final long STALL_NANOS = 60_000_000_000L;

    private final Selector selector;
    private final Connection[] connections;
    private final byte[] head;
    private int open;

    /** What became of request i: the due time it was sent for, and its status (0 until answered, -1 failed). */
    private long[] due;
    private int[] status;
    private long[] answeredAt;
    private List<byte[]> bodies;
    private int finished;

    HttpLoad(URI uri, int connections) throws IOException {
        selector = Selector.open();
        this.connections = new Connection[connections];
        head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int c = 0; c < connections; c++) {
                SocketChannel ch = SocketChannel.open();
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
                ch.configureBlocking(false);
                Connection conn = new Connection(ch);
                conn.key = ch.register(selector, SelectionKey.OP_READ, conn);
                this.connections[c] = conn;
                open++;
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The statuses of a closed loop: each connection posts the next unsent body once its previous one is answered. */
    int[] closedLoop(List<byte[]> bodies) throws IOException {
        start(bodies);
        int next = 0;
        for (Connection c : connections) {
            if (next < bodies.size() && c.alive()) {
                send(c, next++);
            }
        }
        while (finished < bodies.size() && open > 0) {
            for (Connection c : poll(Long.MAX_VALUE)) {
                if (next < bodies.size()) {
                    send(c, next++);
                }
            }
        }
        return status;
    }

    /**
     * An open loop: body i is due at {@code start + i * interval} and goes out on connection {@code i % connections},
     * behind that connection's earlier requests if they are still unanswered. Returns each request's latency counted
     * from when it was due (so a stalled server is not hidden by requests waiting for their connection: no coordinated
     * omission), in ns, or -1 for a request not answered 201.
     */
    long[] openLoop(List<byte[]> bodies, long start, long interval) throws IOException {
        start(bodies);
        int next = 0;
        while (finished < bodies.size() && open > 0) {
            long now = System.nanoTime();
            while (next < bodies.size() && start + next * interval <= now) {
                due[next] = start + next * interval;
                Connection c = connections[next % connections.length];
                if (!c.alive()) {
                    fail(next);
                } else if (c.inFlight < 0) {
                    send(c, next);
                } else {
                    c.queue.add(next);
                }
                next++;
            }
            long wait = next < bodies.size() ? start + next * interval - now : Long.MAX_VALUE;
            for (Connection c : poll(wait)) {
                Integer queued = c.queue.poll();
                if (queued != null) {
                    send(c, queued);
                }
            }
        }
        long[] latencies = new long[bodies.size()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = status[i] == 201 ? answeredAt[i] - due[i] : -1;
        }
        return latencies;
    }

    private void start(List<byte[]> bodies) {
        this.bodies = bodies;
        due = new long[bodies.size()];
        status = new int[bodies.size()];
        answeredAt = new long[bodies.size()];
        finished = 0;
    }

    /**
     * Waits up to {@code waitNanos} for I/O and handles it; returns the connections that became free. Short waits
     * are parked rather than selected, since a selector's timeout has millisecond granularity.
     */
    private List<Connection> poll(long waitNanos) throws IOException {
        int ready;
        if (waitNanos >= 1_000_000L) {
            ready = selector.select(Math.min(waitNanos / 1_000_000L, STALL_NANOS / 1_000_000L));
        } else {
            ready = selector.selectNow();
            if (ready == 0 && waitNanos > 0) {
                LockSupport.parkNanos(Math.min(waitNanos, 100_000L));
                ready = selector.selectNow();
            }
        }
        java.util.ArrayList<Connection> free = new java.util.ArrayList<>();
        if (ready == 0) {
            long now = System.nanoTime();
            for (Connection c : connections) {
                if (c.alive() && c.inFlight >= 0 && now - c.sentAt > STALL_NANOS) {
                    drop(c); // the server stopped answering: this connection's requests count as failed
                }
            }
            return free;
        }
        for (SelectionKey key : selector.selectedKeys()) {
            Connection c = (Connection) key.attachment();
            try {
                if (key.isValid() && key.isWritable()) {
                    c.channel.write(c.out);
                    if (!c.out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable() && c.read()) {
                    int i = c.inFlight;
                    c.inFlight = -1;
                    status[i] = c.code;
                    answeredAt[i] = System.nanoTime();
                    finished++;
                    free.add(c);
                }
            } catch (IOException | RuntimeException e) {
                drop(c);
            }
        }
        selector.selectedKeys().clear();
        return free;
    }

    private void send(Connection c, int i) {
        byte[] body = bodies.get(i);
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(head.length + length.length + body.length);
        out.put(head).put(length).put(body).flip();
        c.inFlight = i;
        c.out = out;
        c.sentAt = System.nanoTime();
        if (due[i] == 0) {
            due[i] = c.sentAt;
        }
        try {
            c.channel.write(out);
            if (out.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            drop(c);
        }
    }

    /** A broken connection: its request in flight and those queued behind it fail; the others go on. */
    private void drop(Connection c) {
        if (!c.alive()) {
            return;
        }
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        c.closed = true;
        open--;
        if (c.inFlight >= 0) {
            fail(c.inFlight);
            c.inFlight = -1;
        }
        for (Integer i : c.queue) {
            fail(i);
        }
        c.queue.clear();
    }

    private void fail(int i) {
        status[i] = -1;
        finished++;
    }

    @Override
    public void close() throws IOException {
        for (Connection c : connections) {
            if (c != null) {
                c.channel.close();
            }
        }
        selector.close();
    }

    /** One connection and the parse state of the response it is reading. */
    private static final class Connection {
        final SocketChannel channel;
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        SelectionKey key;
        ByteBuffer out;
        int inFlight = -1;
        long sentAt;
        boolean closed;
        private ByteBuffer in = ByteBuffer.allocate(8192);
        int code;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        boolean alive() {
            return !closed;
        }

        /** Reads what has arrived; true once the whole response to the request in flight is in. */
        boolean read() throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                throw new IOException("connection closed by the server");
            }
            byte[] a = in.array();
            int end = headerEnd(a, in.position());
            if (end < 0) {
                return false;
            }
            String header = new String(a, 0, end, StandardCharsets.US_ASCII);
            if (!header.startsWith("HTTP/1.1 ") || header.length() < 12) {
                throw new IOException("not an HTTP/1.1 response: " + header.lines().findFirst().orElse(""));
            }
            long length = -1;
            for (String line : header.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(line.substring(colon + 1).trim());
                }
            }
            if (length < 0) {
                throw new IOException("response without Content-Length");
            }
            if (in.position() < end + 4 + length) {
                return false;
            }
            if (in.position() > end + 4 + length) {
                throw new IOException("bytes after the response, none was asked for");
            }
            code = Integer.parseInt(header.substring(9, 12));
            in.clear();
            return true;
        }

        /** Where the header's blank line starts, or -1 if it has not arrived. */
        private static int headerEnd(byte[] a, int n) {
            for (int k = 0; k + 3 < n; k++) {
                if (a[k] == '\r' && a[k + 1] == '\n' && a[k + 2] == '\r' && a[k + 3] == '\n') {
                    return k;
                }
            }
            return -1;
        }
    }
}
