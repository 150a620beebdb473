package com.ecommerce.users.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.deploy.RenderedMonitoring.Alert;
import com.ecommerce.users.support.Slow;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The chart's monitoring options (monitoring.alerts, monitoring.dashboard), off and on, rendered by Helm. That their
 * metric names exist in the service's /q/metrics is AlertMetricsIT's part.
 */
@Slow
class MonitoringChartIT {

    static final Set<String> ALERTS = Set.of("UserServiceHighErrorRate", "UserServiceSlowRoute",
            "UserServiceHashingSaturated", "UserServiceDatabasePoolExhausted", "UserServiceDatabaseUnavailable",
            "UserServiceReadinessFlapping", "UserServiceLoginFailureSpike", "UserServiceAccountCacheBypassed");
    static final String SELECTOR = "namespace=\"shop\", job=\"users-user-service\"";

    @Test
    void offByDefault() throws IOException {
        RenderedMonitoring chart = RenderedMonitoring.render(t -> t);
        assertThat(chart.kinds()).doesNotContain("PrometheusRule", "ConfigMap").isNotEmpty();
    }

    @Test
    void everyOptionOnRendersEveryResource() throws IOException {
        RenderedMonitoring chart = RenderedMonitoring.render(t -> t.set("monitoring.alerts.enabled", true)
                .set("monitoring.dashboard.enabled", true).set("metrics.serviceMonitor.enabled", true)
                .set("ingress.enabled", true).set("podDisruptionBudget.enabled", true).set("autoscaling.enabled", true)
                .set("cors.allowedOrigins[0]", "https://shop.example.com").set("bootstrapAdmin.email", "admin@example.com")
                .set("jwt.previousVerificationKeyFile", "previous-public-key.pem"));
        assertThat(chart.kinds()).contains("PrometheusRule", "ConfigMap", "ServiceMonitor", "Ingress", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "Deployment", "Service", "Job");
    }

    @Test
    void theServiceMonitorScrapesTheManagementPortThroughAHeadlessServiceOfItsOwn() throws IOException {
        RenderedMonitoring chart = RenderedMonitoring.render(t -> t.set("metrics.serviceMonitor.enabled", true));
        JsonNode monitor = chart.ofKind("ServiceMonitor").getFirst();
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("management");
        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        // the series keep job="<the API Service's name>", which the alerts and the dashboard select
        assertThat(endpoint.path("relabelings").get(0).path("targetLabel").asText()).isEqualTo("job");
        assertThat(endpoint.path("relabelings").get(0).path("replacement").asText()).isEqualTo("users-user-service");

        List<JsonNode> services = chart.ofKind("Service");
        assertThat(services).hasSize(2);
        Map<String, String> wanted = RenderedMonitoring.matchLabels(monitor.path("spec").path("selector"));
        List<JsonNode> scraped = services.stream()
                .filter(service -> RenderedMonitoring.labels(service).entrySet().containsAll(wanted.entrySet())).toList();
        // the ServiceMonitor selects the management Service alone: headless, the management port only
        assertThat(scraped).singleElement().satisfies(service -> {
            assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
            assertThat(service.path("spec").path("ports")).singleElement().satisfies(port -> {
                assertThat(port.path("name").asText()).isEqualTo("management");
                assertThat(port.path("targetPort").asText()).isEqualTo("management");
            });
        });
        // and the API's Service still exposes the API port alone
        assertThat(services).filteredOn(service -> !scraped.contains(service)).singleElement()
                .satisfies(service -> assertThat(service.path("spec").path("ports")).singleElement()
                        .satisfies(port -> assertThat(port.path("targetPort").asText()).isEqualTo("http")));
    }

    @Test
    void everyAlertReadsTheServicesSeriesAndLinksItsRunbook() throws IOException {
        RenderedMonitoring chart = RenderedMonitoring.render(t -> t.set("monitoring.alerts.enabled", true)
                .set("monitoring.alerts.labels.release", "kube-prometheus-stack")
                .set("monitoring.alerts.ruleLabels.team", "shop-accounts"));
        JsonNode rule = chart.ofKind("PrometheusRule").getFirst();
        assertThat(RenderedMonitoring.labels(rule)).containsEntry("release", "kube-prometheus-stack");
        List<Alert> alerts = chart.alerts();
        assertThat(alerts).extracting(Alert::name).containsExactlyInAnyOrderElementsOf(ALERTS);
        String runbook = Files.readString(Path.of("docs", "operations.md"));
        for (Alert alert : alerts) {
            assertThat(alert.labels().path("severity").asText()).as(alert.name()).isIn("warning", "critical");
            assertThat(alert.labels().path("team").asText()).as(alert.name()).isEqualTo("shop-accounts");
            assertThat(alert.annotations().path("summary").asText()).as(alert.name()).isNotBlank().doesNotContain("%!");
            // the alert's own section of docs/operations.md: a heading whose anchor is its name in lower case
            String anchor = alert.annotations().path("runbook_url").asText().replaceAll(".*#", "");
            assertThat(anchor).as(alert.name()).isEqualTo(alert.name().toLowerCase(Locale.ROOT));
            assertThat(runbookSection(runbook, alert.name())).as("docs/operations.md, the runbook of " + alert.name())
                    .contains("**Means**", "**Look at**", "**Do**");
            if (!alert.name().equals("UserServiceReadinessFlapping")) {
                assertThat(alert.expr()).as(alert.name()).contains("{" + SELECTOR);
            }
        }
    }

    /** The text of the alert's section of the runbook: from its heading to the next heading. */
    private static String runbookSection(String runbook, String alert) {
        String heading = "#### " + alert + "\n";
        int start = runbook.indexOf(heading);
        assertThat(start).as("the heading \"" + heading.strip() + "\" in docs/operations.md").isNotNegative();
        int end = runbook.indexOf("\n#", start + heading.length());
        return runbook.substring(start, end < 0 ? runbook.length() : end);
    }

    @Test
    void selectorAndThresholdsAreValues() throws IOException {
        // a values file: --set would pass 2.5 as a string
        Path values = Path.of("target", "monitoring-values.yaml");
        Files.writeString(values, """
                monitoring:
                  selector: app="users"
                  alerts:
                    enabled: true
                    thresholds:
                      p99Seconds: 2.5
                      loginFailuresPerSecond: 7
                  dashboard:
                    enabled: true
                """);
        RenderedMonitoring chart = RenderedMonitoring.render(t -> t.withValuesFile(values));
        String exprs = chart.alerts().stream().map(Alert::expr).collect(Collectors.joining("\n"));
        assertThat(exprs).containsPattern("_bucket\\{app=\"users\"}\\[5m]\\)\\)\\)\\s+> 2\\.5\n")
                .contains("outcome=~\"mismatched|throttled\"}[5m])) > 7\n").doesNotContain("job=");
        assertThat(chart.dashboardQueries()).isNotEmpty().filteredOn(q -> !q.contains("kube_pod_status_ready"))
                .allSatisfy(q -> assertThat(q).contains("{app=\"users\""));
    }

    @Test
    void theDashboardIsJsonForTheSidecarOverTheServicesSeries() throws IOException {
        RenderedMonitoring chart = RenderedMonitoring.render(t -> t.set("monitoring.dashboard.enabled", true)
                .set("monitoring.dashboard.annotations.grafana_folder", "Shop"));
        JsonNode configMap = chart.dashboardConfigMap().orElseThrow();
        assertThat(RenderedMonitoring.labels(configMap)).containsEntry("grafana_dashboard", "1");
        assertThat(configMap.path("metadata").path("annotations").path("grafana_folder").asText()).isEqualTo("Shop");
        JsonNode dashboard = chart.dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("user-service");
        assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(ALERTS.size());
        List<String> queries = chart.dashboardQueries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size()).allSatisfy(q -> assertThat(q)
                .isNotBlank().doesNotContain("SERVICE_SELECTOR", "POD_SELECTOR"));
        assertThat(queries).filteredOn(q -> !q.contains("kube_pod_status_ready")).allSatisfy(q -> assertThat(q)
                .contains("{" + SELECTOR));
        // every alert has its panel
        String titles = dashboard.path("panels").findValuesAsText("title").toString();
        ALERTS.forEach(alert -> assertThat(titles).as("a panel for " + alert).contains(alert));
    }

    @Test
    void theSchemaRejectsTyposAndNonsense() {
        assertThatThrownBy(() -> RenderedMonitoring.render(t -> t.set("monitoring.alerts.enable", true)))
                .hasMessageContaining("enable");
        assertThatThrownBy(() -> RenderedMonitoring.render(t -> t.set("monitoring.dashbaord.enabled", true)))
                .hasMessageContaining("dashbaord");
        assertThatThrownBy(() -> RenderedMonitoring.render(t -> t.set("monitoring.alerts.thresholds.p99seconds", 1)))
                .hasMessageContaining("p99seconds");
        assertThatThrownBy(() -> RenderedMonitoring.render(t -> t.set("monitoring.alerts.thresholds.errorRatio", 5)))
                .hasMessageContaining("errorRatio");
        // PromQL label matchers, quoted: a bare value would break every rule
        assertThatThrownBy(() -> RenderedMonitoring.render(t -> t.set("monitoring.selector", "job=users")))
                .hasMessageContaining("selector");
    }
}
