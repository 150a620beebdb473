package com.ecommerce.users.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * A collector in the test JVM: OTLP over HTTP ({@code POST /v1/traces}, protobuf), as the ADOT collector receives it
 * on port 4318. Keeps every span it is sent, with the service that sent it.
 */
public final class OtlpReceiver implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    /** One span as received, ids in hex as a traceparent header writes them. */
    public record ReceivedSpan(String service, Span span) {

        public String traceId() {
            return HEX.formatHex(span.getTraceId().toByteArray());
        }

        public String spanId() {
            return HEX.formatHex(span.getSpanId().toByteArray());
        }

        public String parentSpanId() {
            return HEX.formatHex(span.getParentSpanId().toByteArray());
        }

        public String name() {
            return span.getName();
        }

        public Span.SpanKind kind() {
            return span.getKind();
        }

        public List<KeyValue> attributes() {
            return span.getAttributesList();
        }

        /** The attribute's value as text (string, int, bool or double), or null. */
        public String attribute(String key) {
            return attributes().stream().filter(a -> a.getKey().equals(key)).findFirst().map(KeyValue::getValue)
                    .map(value -> switch (value.getValueCase()) {
                        case STRING_VALUE -> value.getStringValue();
                        case INT_VALUE -> String.valueOf(value.getIntValue());
                        case BOOL_VALUE -> String.valueOf(value.getBoolValue());
                        case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
                        default -> value.toString();
                    }).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** For {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, with the protocol {@code http/protobuf}. */
    public String endpoint() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Requests that were not an OTLP trace export (wrong path, method or body). */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Waits until the spans received for {@code traceId} satisfy {@code complete}; returns them. */
    public List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete, Duration timeout) {
        try {
            Awaitility.await("spans of trace " + traceId).atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .until(() -> complete.test(trace(traceId)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; received for it: " + trace(traceId).stream().map(ReceivedSpan::name)
                    .toList() + ", " + spans.size() + " spans in all, refused requests: " + refused, e);
        }
        return trace(traceId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/traces".equals(exchange.getRequestURI().getPath())) {
                refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(bytes);
            } catch (IOException e) {
                refused.add("undecodable body of " + bytes.length + " bytes: " + e.getMessage());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                        .findFirst().orElse(null);
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service, span)));
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
