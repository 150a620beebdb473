package com.ecommerce.users.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local stand-in for Have I Been Pwned's Pwned Passwords range API, in the test JVM (the JDK's HTTP server on
 * loopback): {@code GET /range/<5 hex>} answers {@code SUFFIX:COUNT} lines for the breached passwords a test adds,
 * plus padding lines with the count 0 when asked ({@code Add-Padding: true}). A test can make it fail (an error
 * status) or stall (no answer until released), and read the requests it received. Sets
 * {@code users.password.breach-api-url} to itself and a short timeout.
 */
public class PwnedRangeServer implements QuarkusTestResourceLifecycleManager {

    public static final String TIMEOUT = "400ms";

    public enum Mode { ANSWER, FAIL, STALL }

    /** One request as received: its path and whether it asked for padding. */
    public record Received(String path, boolean padding) {
    }

    private static final Map<String, Integer> BREACHED = new ConcurrentHashMap<>();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static volatile Mode mode = Mode.ANSWER;
    private static volatile CountDownLatch stalled = new CountDownLatch(0);
    private HttpServer server;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/range/", PwnedRangeServer::answer);
        server.start();
        return Map.of("users.password.breach-api-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "users.password.breach-api-timeout", TIMEOUT);
    }

    @Override
    public void stop() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }

    /** The API knows {@code password}, seen {@code count} times (0: listed as padding only). */
    public static void breached(String password, int count) {
        BREACHED.put(sha1(password), count);
    }

    /** How the next requests are answered; {@link Mode#STALL} holds them until {@link #release()}. */
    public static void mode(Mode next) {
        if (next == Mode.STALL) {
            stalled = new CountDownLatch(1);
        }
        mode = next;
    }

    /** Lets every stalled request go (answered then, long after its client gave up). */
    public static void release() {
        stalled.countDown();
    }

    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    public static void forget() {
        RECEIVED.clear();
        mode(Mode.ANSWER);
    }

    public static String sha1(String password) {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            RECEIVED.add(new Received(path, "true".equals(exchange.getRequestHeaders().getFirst("Add-Padding"))));
            Mode now = mode;
            if (now == Mode.STALL) {
                try {
                    stalled.await(1, TimeUnit.MINUTES); // bounded, should a test forget to release it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (now == Mode.FAIL) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String prefix = path.substring("/range/".length());
            if (!prefix.matches("[0-9A-F]{5}")) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            StringBuilder body = new StringBuilder();
            BREACHED.forEach((hash, count) -> {
                if (hash.startsWith(prefix)) {
                    body.append(hash.substring(5)).append(':').append(count).append("\r\n");
                }
            });
            body.append("0000000000000000000000000000000000A:2\r\n"); // another suffix under every prefix
            if ("true".equals(exchange.getRequestHeaders().getFirst("Add-Padding"))) {
                body.append("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:0\r\n");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
