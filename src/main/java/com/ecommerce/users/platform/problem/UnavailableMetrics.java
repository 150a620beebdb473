package com.ecommerce.users.platform.problem;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts the 503 answers by cause, {@code users_unavailable_responses_total{reason}}: {@code overloaded} (no hashing
 * slot within max-wait, UnavailableProblems) and {@code database-unavailable} (the pool's acquisition timeout, a
 * refused or broken connection: DatabaseOutages). The HTTP metrics alone cannot tell the two apart, and each has its
 * own alert and runbook entry (docs/operations.md). Created at start-up, so that both series exist from then on, at
 * zero (an alert on a series that appears only with the first 503 would miss it).
 */
@Startup
public class UnavailableMetrics {

    private static final String OVERLOADED = ProblemResponses.TYPE_PREFIX + "overloaded";
    private static final String DATABASE_UNAVAILABLE = ProblemResponses.TYPE_PREFIX + "database-unavailable";

    private final Counter overloaded;
    private final Counter databaseUnavailable;

    public UnavailableMetrics(MeterRegistry metrics) {
        this.overloaded = reason(metrics, "overloaded");
        this.databaseUnavailable = reason(metrics, "database-unavailable");
    }

    @ServerResponseFilter
    public void count(ContainerResponseContext response) {
        if (response.getStatus() != Response.Status.SERVICE_UNAVAILABLE.getStatusCode()
                || !(response.getEntity() instanceof Problem problem)) {
            return;
        }
        if (OVERLOADED.equals(problem.type())) {
            overloaded.increment();
        } else if (DATABASE_UNAVAILABLE.equals(problem.type())) {
            databaseUnavailable.increment();
        }
    }

    private static Counter reason(MeterRegistry metrics, String reason) {
        return Counter.builder("users.unavailable.responses").description("503 answers by cause")
                .tag("reason", reason).register(metrics);
    }
}
