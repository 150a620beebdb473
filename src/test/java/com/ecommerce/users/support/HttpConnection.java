package com.ecommerce.users.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.restassured.RestAssured;

/**
 * One HTTP/1.1 connection to the application under test, for several requests in turn (keep-alive), each answer read
 * by its own framing (Content-Length, chunked, or none for 204): to see that the server keeps a connection for the
 * next request (a closed one fails the next send). Requests are written as {@link RawHttp} writes them, without {@code Connection: close}.
 */
public final class HttpConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static HttpConnection open(Duration timeout) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(URI.create(RestAssured.baseURI).getHost(), RestAssured.port),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new HttpConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request and reads exactly its answer, leaving the connection ready for the next one. */
    public RawHttp.Response send(String method, String target, List<RawHttp.Header> headers, byte[] body) {
        try {
            socket.getOutputStream().write(RawHttp.request(method, target, headers, body));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            String head = readHead(answer);
            String length = header(head, "content-length");
            if (length != null) {
                answer.writeBytes(in.readNBytes(Integer.parseInt(length)));
            } else if ("chunked".equalsIgnoreCase(header(head, "transfer-encoding"))) {
                readChunks(answer);
            }
            return RawHttp.parse(answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + RawHttp.abbreviate(target) + ": no complete answer", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readHead(ByteArrayOutputStream answer) throws IOException {
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int matched = 0;
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + answer.size() + " bytes of the answer's head");
            }
            answer.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    /** The chunks as sent, up to and including the last (empty) one and the end of the trailer section. */
    private void readChunks(ByteArrayOutputStream answer) throws IOException {
        while (true) {
            String sizeLine = readLine(answer);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                while (!readLine(answer).isEmpty()) {
                    // trailer fields, if any
                }
                return;
            }
            answer.writeBytes(in.readNBytes(size));
            readLine(answer);
        }
    }

    private String readLine(ByteArrayOutputStream answer) throws IOException {
        StringBuilder line = new StringBuilder();
        int previous = -1;
        for (int b; (b = in.read()) >= 0;) {
            answer.write(b);
            if (previous == '\r' && b == '\n') {
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
            previous = b;
        }
        throw new IOException("the connection closed inside a chunked answer");
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }
}
