package com.ecommerce.users.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart rendered by Helm (HelmChartIT#renderYaml) and read as plain YAML, since the fabric8 model knows neither
 * the PrometheusRule nor what a dashboard's JSON holds: the resources' kinds, the alert rules and the dashboard.
 */
record RenderedMonitoring(List<JsonNode> resources) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    record Alert(String name, String expr, JsonNode labels, JsonNode annotations) {
    }

    static RenderedMonitoring render(UnaryOperator<TemplateCommand> options) throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(HelmChartIT.renderYaml(options))) {
            while (documents.hasNext()) {
                JsonNode resource = documents.next();
                if (resource != null && !resource.isNull() && !resource.isMissingNode()) {
                    resources.add(resource);
                }
            }
        }
        return new RenderedMonitoring(resources);
    }

    List<String> kinds() {
        return resources.stream().map(r -> r.path("kind").asText()).toList();
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode rule : ofKind("PrometheusRule")) {
            for (JsonNode group : rule.path("spec").path("groups")) {
                for (JsonNode alert : group.path("rules")) {
                    alerts.add(new Alert(alert.path("alert").asText(), alert.path("expr").asText(), alert.path("labels"),
                            alert.path("annotations")));
                }
            }
        }
        return alerts;
    }

    /** The ConfigMap of the dashboard, if rendered. */
    Optional<JsonNode> dashboardConfigMap() {
        return ofKind("ConfigMap").stream().filter(c -> c.path("metadata").path("name").asText().endsWith("-dashboard"))
                .findFirst();
    }

    /** The dashboard's JSON, parsed; fails if it does not parse. */
    JsonNode dashboard() throws IOException {
        JsonNode data = dashboardConfigMap().orElseThrow(() -> new AssertionError("no dashboard ConfigMap")).path("data");
        return JSON.readTree(data.path("user-service.json").asText());
    }

    /**
     * Every PromQL expression of the dashboard: its panels' targets, those of panels inside rows included, and its
     * template variables' queries.
     */
    List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = dashboard();
        List<String> queries = new ArrayList<>();
        for (JsonNode targets : dashboard.path("panels").findValues("targets")) {
            targets.forEach(target -> queries.add(target.path("expr").asText()));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                queries.add(variable.path("query").isObject() ? variable.path("query").path("query").asText()
                        : variable.path("query").asText());
            }
        }
        return queries;
    }

    static Map<String, String> labels(JsonNode resource) {
        return matchLabels(resource.path("metadata"));
    }

    /** A selector's matchLabels, or {@code labels} under metadata. */
    static Map<String, String> matchLabels(JsonNode selector) {
        return JSON.convertValue(selector.has("labels") ? selector.path("labels") : selector.path("matchLabels"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {
                });
    }
}
