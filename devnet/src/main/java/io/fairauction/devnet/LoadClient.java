package io.fairauction.devnet;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One kept-alive HTTP/1.1 connection that POSTs a body and reads the status, for the benchmarks' load generators.
 * Deliberately minimal (blocking socket, Content-Length bodies only, no chunking, no redirects): on a 2-core machine
 * the generator shares the cores with what it measures, and the JDK's HttpClient spent more CPU per request than
 * the collector it was measuring.
 */
final class LoadClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;

    LoadClient(URI uri) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the body and returns the response's status code once the whole response has been read. */
    int post(byte[] body) throws IOException {
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + length.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long contentLength = -1;
        String header;
        while (!(header = line()).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(header.substring(colon + 1).trim());
            }
        }
        if (contentLength < 0) {
            throw new IOException("response without Content-Length");
        }
        in.skipNBytes(contentLength);
        return code;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
