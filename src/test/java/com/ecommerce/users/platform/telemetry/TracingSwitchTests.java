package com.ecommerce.users.platform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The switch against a configuration built as Quarkus builds it: Quarkus' OTLP default endpoint among the default
 * values (as its OtlpExporterConfigBuilder puts it), what operators set in a source of the environment's ordinal.
 */
class TracingSwitchTests {

    private static final String QUARKUS_DEFAULT_ENDPOINT = "http://localhost:4317/";
    private static final String ADOT = "http://adot-collector.observability:4317";

    @Test
    void withNoEndpointTheSdkAndTheJdbcWrapperAreOff() {
        SmallRyeConfig config = config(Map.of());
        assertThat(config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)).hasValue(true);
        assertThat(config.getOptionalValue("quarkus.datasource.jdbc.telemetry.enabled", Boolean.class)).hasValue(false);
    }

    @Test
    void aTracesEndpointTurnsTracingOn() {
        SmallRyeConfig config = config(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", ADOT));
        assertThat(config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)).hasValue(false);
        assertThat(config.getOptionalValue("quarkus.datasource.jdbc.telemetry.enabled", Boolean.class)).hasValue(true);
    }

    @Test
    void theGenericEndpointTurnsTracingOnToo() {
        SmallRyeConfig config = config(Map.of("quarkus.otel.exporter.otlp.endpoint", ADOT));
        assertThat(config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)).hasValue(false);
    }

    @Test
    void quarkusDefaultEndpointSetExplicitlyCountsAsConfigured() {
        // a collector in the pod (a sidecar) listens there: naming it is a decision, unlike Quarkus' fallback
        SmallRyeConfig config = config(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", QUARKUS_DEFAULT_ENDPOINT));
        assertThat(config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)).hasValue(false);
    }

    @Test
    void aBlankEndpointIsNone() {
        SmallRyeConfig config = config(Map.of("quarkus.otel.exporter.otlp.traces.endpoint", " "));
        assertThat(config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)).hasValue(true);
    }

    @Test
    void anEndpointWinsOverWhatTheBuildRecorded() {
        // the build records the switch's values of its own configuration (no endpoint) as run-time defaults
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withDefaultValue("quarkus.otel.exporter.otlp.endpoint", QUARKUS_DEFAULT_ENDPOINT)
                .withSources(new PropertiesConfigSource(Map.of("quarkus.otel.sdk.disabled", "true",
                        "quarkus.datasource.jdbc.telemetry.enabled", "false"), "RunTime Defaults", Integer.MIN_VALUE + 100))
                .withSources(new PropertiesConfigSource(Map.of("quarkus.otel.exporter.otlp.endpoint", "http://collector:4317"),
                        "environment", 300))
                .withSources(new TracingSwitch())
                .build();
        assertThat(config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)).hasValue(false);
        assertThat(config.getOptionalValue("quarkus.datasource.jdbc.telemetry.enabled", Boolean.class)).hasValue(true);
    }

    @Test
    void anExplicitSdkSettingWins() {
        SmallRyeConfig config = config(Map.of("quarkus.otel.sdk.disabled", "false"));
        assertThat(config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class)).hasValue(false);
    }

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withDefaultValue("quarkus.otel.exporter.otlp.endpoint", QUARKUS_DEFAULT_ENDPOINT)
                .withDefaultValue("quarkus.otel.exporter.otlp.traces.endpoint", QUARKUS_DEFAULT_ENDPOINT)
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withSources(new TracingSwitch())
                .build();
    }
}
