package com.ecommerce.users.platform.telemetry;

import java.util.Arrays;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Histogram buckets for the HTTP server's request timer, so that Prometheus can compute latency percentiles per route
 * ({@code http_server_requests_seconds_bucket}: the chart's p99 alert and dashboard). A short fixed list rather than
 * Micrometer's 60-odd default buckets, since every bucket is a series per route, method and status. They bracket
 * what this service does: a hash (tens of ms), a failed login (users.login.failure-floor, 500 ms), the 2 s hashing
 * wait and the 5 s pool acquisition timeout.
 */
public class HttpLatencyBuckets {

    /** Upper bounds in seconds; the chart's p99 threshold (monitoring.alerts.thresholds) is one of them. */
    public static final double[] SECONDS = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10 };

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        // a timer records nanoseconds
        double[] nanos = Arrays.stream(SECONDS).map(seconds -> seconds * 1e9).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
