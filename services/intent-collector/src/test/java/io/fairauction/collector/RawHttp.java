package io.fairauction.collector;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.x connection on a plain socket: what the JDK's client hides (pipelined requests, the exact status line
 * and headers, whether the server closed the connection). Content-Length responses only, as the collector sends.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One answer: status line, headers as sent (name: value), body. */
    record Response(String statusLine, List<String> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** Everything but the Date header's value: what two answers to the same request in the same state share. */
        String withoutDate() {
            StringBuilder b = new StringBuilder(statusLine).append('\n');
            for (String h : headers) {
                b.append(h.toLowerCase(Locale.ROOT).startsWith("date:") ? "date: (any)" : h).append('\n');
            }
            return b.append('\n').append(body).toString();
        }
    }

    /** A request with a Content-Length body (none if {@code body} is null) and the given extra header lines. */
    static byte[] request(String method, String target, String version, String body, String... headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            b.append("Content-Length: ").append(content.length).append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /** Writes the requests back to back in one write: pipelined, none waiting for an answer. */
    RawHttp send(byte[]... requests) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] r : requests) {
            all.writeBytes(r);
        }
        try {
            socket.getOutputStream().write(all.toByteArray());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The next answer on the connection. */
    Response read() {
        try {
            String status = line();
            List<String> headers = new ArrayList<>();
            int length = -1;
            String h;
            while (!(h = line()).isEmpty()) {
                headers.add(h);
                int colon = h.indexOf(':');
                if (h.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(h.substring(colon + 1).trim());
                }
            }
            if (length < 0) {
                throw new IOException("answer without Content-Length: " + status + " " + headers);
            }
            return new Response(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closes the connection (end of stream) within a few seconds, with nothing more sent. */
    boolean closedByServer() {
        try {
            socket.setSoTimeout(5_000);
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed by the server after: " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }
}
