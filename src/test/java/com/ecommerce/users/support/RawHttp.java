package com.ecommerce.users.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.restassured.RestAssured;

/**
 * HTTP/1.1 over a plain socket, for requests that client libraries refuse to send or quietly repair: a target that is
 * not a valid URI, no Content-Type, duplicate headers, any body bytes. Sends {@code Connection: close} and reads the
 * answer to the end of the stream, so a server that never answers fails the read after the timeout.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Header(String name, String value) {
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, ignoring the case of its name; null when absent. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request to the application under test (RestAssured's host and port, which Quarkus sets for both
     * {@code @QuarkusTest} and {@code @QuarkusIntegrationTest}). Adds {@code Host}, {@code Connection: close} and,
     * for a body, {@code Content-Length}, unless the headers name them already; a header without a value (null) is
     * not sent at all.
     */
    public static Response send(String method, String target, List<Header> headers, byte[] body, Duration timeout) {
        String host = URI.create(RestAssured.baseURI).getHost();
        int port = RestAssured.port;
        List<Header> all = new ArrayList<>(headers);
        if (!has(all, "Connection")) {
            all.add(new Header("Connection", "close"));
        }
        byte[] request = request(method, target, all, body);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read everything (431, 413): read what it said
            }
            return parse(readUntilClosed(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(target) + ": no complete answer", e);
        }
    }

    /** The bytes of a request to the application under test, with {@code Host} and a body's length added if absent. */
    static byte[] request(String method, String target, List<Header> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        List<Header> all = new ArrayList<>(headers);
        if (!has(all, "Host")) {
            all.addFirst(new Header("Host", URI.create(RestAssured.baseURI).getHost() + ":" + RestAssured.port));
        }
        if (body != null && !has(all, "Content-Length") && !has(all, "Transfer-Encoding")) {
            all.add(new Header("Content-Length", Integer.toString(body.length)));
        }
        request.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
        for (Header header : all) {
            if (header.value() == null) {
                continue; // stands for "do not send this header at all"
            }
            request.writeBytes((header.name() + ": " + header.value() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            request.writeBytes(body);
        }
        return request.toByteArray();
    }

    /**
     * {@code body} in the chunked transfer coding (RFC 9112, section 7.1), in chunks of {@code chunkSize} bytes: to
     * send with {@code Transfer-Encoding: chunked}, a body whose length the server learns only by reading it.
     */
    public static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += chunkSize) {
            int length = Math.min(chunkSize, body.length - at);
            chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, at, length);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunks.toByteArray();
    }

    private static boolean has(List<Header> headers, String name) {
        return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
    }

    /** An answer as received: the head, then the body as framed (a chunked one is decoded). */
    static Response parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IllegalStateException("no HTTP response head in " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (!statusLine[0].startsWith("HTTP/1.")) {
            throw new IllegalStateException("not an HTTP/1.x status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.getFirst().equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
            int length = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    /**
     * Everything until the server closes. A server that closes with unread request bytes in its buffer makes the
     * kernel send a reset, which can surface here after the whole answer has arrived: keep that answer.
     */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            if (received.size() == 0) {
                throw reset;
            }
        }
        return received.toByteArray();
    }
}
