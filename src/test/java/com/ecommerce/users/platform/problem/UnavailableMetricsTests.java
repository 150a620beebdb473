package com.ecommerce.users.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** users_unavailable_responses_total{reason}: each 503 problem under its cause, nothing else. */
class UnavailableMetricsTests {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final UnavailableMetrics metrics = new UnavailableMetrics(registry);

    @Test
    void bothCausesStartAtZero() {
        assertThat(count("overloaded")).isZero();
        assertThat(count("database-unavailable")).isZero();
    }

    @Test
    void eachCauseIsCountedUnderItsOwnReason() {
        metrics.count(response(503, problem(503, "overloaded")));
        metrics.count(response(503, problem(503, "overloaded")));
        metrics.count(response(503, problem(503, "database-unavailable")));
        assertThat(count("overloaded")).isEqualTo(2);
        assertThat(count("database-unavailable")).isEqualTo(1);
    }

    @Test
    void otherAnswersAreNotCounted() {
        metrics.count(response(500, problem(500, "overloaded")));
        metrics.count(response(503, "not a problem"));
        metrics.count(response(503, null));
        metrics.count(response(503, new Problem("about:blank", "Service Unavailable", 503, null, null, null)));
        metrics.count(response(200, null));
        assertThat(count("overloaded")).isZero();
        assertThat(count("database-unavailable")).isZero();
    }

    private double count(String reason) {
        return registry.get("users.unavailable.responses").tag("reason", reason).counter().count();
    }

    private static Problem problem(int status, String slug) {
        return new Problem(ProblemResponses.TYPE_PREFIX + slug, "title", status, "detail", "/auth/login", null);
    }

    /** A response with this status and entity; the filter reads nothing else. */
    private static ContainerResponseContext response(int status, Object entity) {
        return (ContainerResponseContext) Proxy.newProxyInstance(UnavailableMetricsTests.class.getClassLoader(),
                new Class<?>[] { ContainerResponseContext.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getStatus" -> status;
                    case "getEntity" -> entity;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
