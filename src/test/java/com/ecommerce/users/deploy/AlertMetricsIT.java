package com.ecommerce.users.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Simultaneously;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;
import com.ecommerce.users.support.TimedHttp;
import com.ecommerce.users.support.TimedHttp.Answer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The chart's alerts and dashboard read metrics that the packaged service really exposes: every metric name in their
 * PromQL is a series of its /q/metrics after a little traffic (a registration, logins that succeed, fail and are
 * turned away with 503), so renaming a metric, in the service or in the chart, fails the build. The only exceptions
 * are the Kubernetes metrics below, which other exporters provide (docs/operations.md, "Alerts").
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class AlertMetricsIT {

    /** Metrics that the alerts or the dashboard read and that are not the service's, with where they come from. */
    static final Map<String, String> KUBERNETES_METRICS = Map.of(
            "kube_pod_status_ready", "kube-state-metrics: a pod's Ready condition (UserServiceReadinessFlapping)");

    private static final String PASSWORD = "alert metrics password";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int LOGINS = 20;

    @Test
    void everyMetricOfTheAlertsAndTheDashboardIsInTheServicesMetrics() throws Exception {
        Map<String, String> env = new HashMap<>(DatabaseCoordinates.current().freshDatabase("user_service_alert_metrics")
                .environment());
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        // one hashing slot, no waiting for it: logins at once are turned away with 503 "overloaded"
        env.put("USERS_PASSWORD_HASHING_MAX_CONCURRENCY", "1");
        env.put("USERS_PASSWORD_HASHING_MAX_WAIT", "1ms");
        try (PackagedApp app = PackagedApp.start("alert-metrics", env)) {
            app.awaitReady(Duration.ofSeconds(120));
            TimedHttp http = new TimedHttp(app);
            // the 503 counters exist before the first 503
            assertThat(http.metric("users_unavailable_responses_total", "reason=\"overloaded\"")).isZero();
            assertThat(http.metric("users_unavailable_responses_total", "reason=\"database-unavailable\"")).isZero();

            assertThat(http.postJson("/users", """
                    {"name":"Alerts","email":"alerts@metrics.example","password":"%s"}""".formatted(PASSWORD), TIMEOUT)
                    .status()).isEqualTo(201);
            Answer login = login(http, PASSWORD);
            assertThat(login.status()).isEqualTo(200);
            assertThat(http.get("/users/me", login.json().get("access_token").asText(), TIMEOUT).status()).isEqualTo(200);
            assertThat(login(http, "not the password").status()).isEqualTo(401);
            List<Answer> flood = Simultaneously.run(LOGINS, i -> login(http, PASSWORD));
            long overloaded = flood.stream().filter(a -> a.status() == 503).count();
            assertThat(flood).extracting(Answer::status).containsOnly(200, 503);
            assertThat(overloaded).as("logins turned away").isPositive();
            // each 503 counted once, under its cause
            assertThat(http.metric("users_unavailable_responses_total", "reason=\"overloaded\"")).isEqualTo(overloaded);
            assertThat(http.metric("users_unavailable_responses_total", "reason=\"database-unavailable\"")).isZero();

            Set<String> exposed = seriesNames(http.management("/q/metrics", TIMEOUT).body());
            RenderedMonitoring chart = RenderedMonitoring.render(t -> t.set("monitoring.alerts.enabled", true)
                    .set("monitoring.dashboard.enabled", true));
            List<String> expressions = new ArrayList<>();
            chart.alerts().forEach(alert -> expressions.add(alert.expr()));
            expressions.addAll(chart.dashboardQueries());
            assertThat(expressions).hasSizeGreaterThan(MonitoringChartIT.ALERTS.size());

            Set<String> read = new TreeSet<>();
            for (String expression : expressions) {
                // an expression whose metric PromQl cannot see would escape the check below
                Set<String> names = PromQl.metricNames(expression);
                assertThat(names).as("the metrics of " + expression).isNotEmpty();
                read.addAll(names);
            }
            Set<String> serviceMetrics = new TreeSet<>(read);
            serviceMetrics.removeAll(KUBERNETES_METRICS.keySet());
            assertThat(exposed).as("/q/metrics of the packaged service, against the metrics the chart's alerts and "
                    + "dashboard read").containsAll(serviceMetrics);
            assertThat(read).as("Kubernetes metrics still in use (remove the others from the list)")
                    .containsAll(KUBERNETES_METRICS.keySet());
            assertThat(serviceMetrics).as("the service's own metrics in the alerts").contains(
                    "http_server_requests_seconds_count", "http_server_requests_seconds_bucket",
                    "users_unavailable_responses_total", "agroal_awaiting_count", "users_password_checks_total");
        }
    }

    /** The names of the samples of a Prometheus text exposition (comments left out). */
    static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Answer login(TimedHttp http, String password) {
        try {
            return http.postJson("/auth/login", """
                    {"email":"alerts@metrics.example","password":"%s"}""".formatted(password), TIMEOUT);
        } catch (IOException e) {
            throw new AssertionError("POST /auth/login failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
