package com.ecommerce.users.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Runs what the build packaged (target/quarkus-artifact.properties: the jar, or the native executable with
 * -Dnative) in its own process with exactly the environment a test gives it (the QUARKUS_DATASOURCE_* variables of
 * the test JVM are removed, USERS_JWT_ISSUER is {@link #ISSUER} unless given), as a container would run it. On two free ports: the API's and the management
 * interface's (health, metrics, OpenAPI), so that runs in parallel on one machine do not collide.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path ARTIFACT = Path.of("target", "quarkus-artifact.properties");
    /** The issuer (USERS_JWT_ISSUER) of every packaged application unless its test gives another. */
    public static final String ISSUER = "https://users.example.test";

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private PackagedApp(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    public static PackagedApp start(String name, Map<String, String> environment) throws IOException {
        int port = freePort();
        int managementPort;
        do {
            managementPort = freePort();
        } while (managementPort == port);
        Path log = Path.of("target", name + ".log");
        List<String> command = new ArrayList<>();
        Properties artifact = new Properties();
        try (var in = Files.newInputStream(ARTIFACT)) {
            artifact.load(in);
        }
        Path packaged = Path.of("target").resolve(artifact.getProperty("path"));
        if ("native".equals(artifact.getProperty("type"))) {
            command.add(packaged.toAbsolutePath().toString());
            command.addAll(ports(port, managementPort));
        } else {
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(ports(port, managementPort));
            command.add("-jar");
            command.add(packaged.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_DATASOURCE_"));
        // production requires an https issuer, as every deployment sets one; a test may give another
        builder.environment().put("USERS_JWT_ISSUER", ISSUER);
        builder.environment().putAll(environment);
        return new PackagedApp(builder.start(), log, port, managementPort);
    }

    private static List<String> ports(int port, int managementPort) {
        return List.of("-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort);
    }

    /** The API. */
    public String baseUri() {
        return "http://localhost:" + port;
    }

    /** The management interface: /q/health/*, /q/metrics, /q/openapi, /q/swagger-ui. */
    public String managementUri() {
        return "http://localhost:" + managementPort;
    }

    /** Waits for the process to end by itself (an init task), failing after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Polls readiness until UP, failing after {@code timeout} or as soon as the process dies. */
    public void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUri() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await("readiness of " + log).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast("the process exited", () -> !process.isAlive())
                    .until(() -> {
                        try {
                            return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false; // not listening yet
                        }
                    });
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n" + output(), e);
        }
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
