package io.fairauction.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' load generator against a raw socket server this test controls: every body is posted exactly once,
 * each answer's status reaches the request it answers, responses arriving in pieces are read whole, and a connection
 * the server drops fails only its own requests.
 */
class HttpLoadTest {
    private ServerSocket server;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    /** Answers body "s<code>-<n>" with that status, each response in three pieces; drops the connection on "drop". */
    private URI start() throws IOException {
        server = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    Thread t = new Thread(() -> serve(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        threads.add(acceptor);
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/intents");
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            while (true) {
                String line = line(in);
                if (line == null) {
                    return;
                }
                assertThat(line).isEqualTo("POST /api/v1/intents HTTP/1.1");
                int length = -1;
                String h;
                while (!(h = line(in)).isEmpty()) {
                    if (h.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                received.merge(body, 1, Integer::sum);
                if (body.startsWith("drop")) {
                    return;
                }
                int code = Integer.parseInt(body.substring(1, 4));
                String answer = "{\"body\":\"" + body + "\"}";
                String head = "HTTP/1.1 " + code + " Whatever\r\ncontent-type: application/json\r\n"
                        + "Content-Length: " + answer.length() + "\r\n\r\n";
                byte[] response = (head + answer).getBytes(StandardCharsets.US_ASCII);
                int third = response.length / 3;
                out.write(response, 0, third);
                out.flush();
                Thread.sleep(1);
                out.write(response, third, third);
                out.flush();
                Thread.sleep(1);
                out.write(response, 2 * third, response.length - 2 * third);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection over
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static List<byte[]> bodies(int n, java.util.function.IntFunction<String> body) {
        return IntStream.range(0, n).mapToObj(i -> body.apply(i).getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void closedLoopPostsEveryBodyOnceAndReportsEachStatus() throws IOException {
        URI uri = start();
        List<byte[]> bodies = bodies(200, i -> "s" + (i % 3 == 0 ? 400 : 201) + "-" + i);
        int[] status;
        try (HttpLoad load = new HttpLoad(uri, 7)) {
            status = load.closedLoop(bodies);
        }
        assertThat(received).hasSize(200).allSatisfy((body, times) -> assertThat(times).isOne());
        for (int i = 0; i < 200; i++) {
            assertThat(status[i]).as("request %d", i).isEqualTo(i % 3 == 0 ? 400 : 201);
        }
        assertThat(connections.get()).isEqualTo(7);
    }

    @Test
    void aDroppedConnectionFailsOnlyItsOwnRequests() throws IOException {
        URI uri = start();
        // Open loop, 4 connections: request 5 goes out on connection 1 and is dropped; 9, 13, ... were queued behind it
        // or would go out on it, so they fail too; every other request is answered.
        List<byte[]> bodies = bodies(40, i -> i == 5 ? "drop-5" : "s201-" + i);
        long[] latencies;
        try (HttpLoad load = new HttpLoad(uri, 4)) {
            latencies = load.openLoop(bodies, System.nanoTime(), 200_000L);
        }
        for (int i = 0; i < 40; i++) {
            boolean onDropped = i % 4 == 1 && i >= 5;
            assertThat(latencies[i] < 0).as("request %d failed", i).isEqualTo(onDropped);
            if (!onDropped) {
                assertThat(received).containsEntry("s201-" + i, 1);
                assertThat(latencies[i]).isPositive();
            }
        }
    }

    @Test
    void openLoopLatencyCountsFromTheDueTimeNotFromWhenTheConnectionWasFree() throws IOException {
        URI uri = start();
        // One connection, requests due every 0.1 ms, each answer taking at least ~2 ms (two 1 ms pauses): the later
        // requests wait behind the earlier ones, and that wait is part of their latency.
        List<byte[]> bodies = bodies(20, i -> "s201-" + i);
        long[] latencies;
        try (HttpLoad load = new HttpLoad(uri, 1)) {
            latencies = load.openLoop(bodies, System.nanoTime(), 100_000L);
        }
        assertThat(java.util.Arrays.stream(latencies).min().orElseThrow()).isPositive();
        // Request 19 was due 1.9 ms after request 0 but can only be answered after all 20 answers (>= 40 ms of pauses).
        assertThat(latencies[19]).isGreaterThan(30_000_000L);
        assertThat(latencies[19]).isGreaterThan(latencies[0]);
    }
}
