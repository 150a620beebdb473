package com.ecommerce.users.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTests {

    @Test
    void findsTheMetricsOfARatioAcrossLabelMatchersAndRanges() {
        assertThat(PromQl.metricNames("""
                sum(rate(http_server_requests_seconds_count{namespace="shop", job="users", status=~"5.."}[5m]))
                  / sum(rate(http_server_requests_seconds_count{namespace="shop"}[5m])) > 0.05""")).containsExactly(
                "http_server_requests_seconds_count");
    }

    @Test
    void leavesOutFunctionsAggregationsGroupingLabelsAndNumbers() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.99, sum by (le, method, uri) (rate(http_server_requests_seconds_bucket{a="b"}[5m])))
                  > 1e0 and on (pod) max without (instance) (agroal_awaiting_count) > bool 0 offset 5m""")).containsExactly(
                "agroal_awaiting_count", "http_server_requests_seconds_bucket");
    }

    @Test
    void aLabelValueOrStringThatLooksLikeAMetricIsNotOne() {
        assertThat(PromQl.metricNames("""
                changes(kube_pod_status_ready{pod=~"users-.*", condition="true"}[15m]) > 4
                  unless label_replace(users_password_checks_total, "x", "not_a_metric", "outcome", "(.*)")""")).containsExactly(
                "kube_pod_status_ready", "users_password_checks_total");
    }

    @Test
    void grafanaVariablesAreNotMetrics() {
        assertThat(PromQl.metricNames(
                "sum by (reason) (rate(users_unavailable_responses_total{job=\"$job\"}[$__rate_interval])) * ${factor}"))
                .containsExactly("users_unavailable_responses_total");
    }

    @Test
    void aggregationWithTheGroupingAfterItsArgument() {
        assertThat(PromQl.metricNames("sum(rate(jvm_memory_used_bytes[1m])) by (pod) / ignoring (area) process_cpu_usage"))
                .containsExactly("jvm_memory_used_bytes", "process_cpu_usage");
    }
}
