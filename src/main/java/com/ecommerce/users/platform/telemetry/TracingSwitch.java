package com.ecommerce.users.platform.telemetry;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Tracing is on only where a collector is named: without an OTLP endpoint ({@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}
 * or {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}) this source turns the OpenTelemetry SDK off
 * ({@code quarkus.otel.sdk.disabled=true}) and the JDBC wrapper with it: no spans, no exporter, nothing sent, no export
 * errors in the log. With one, it turns both on.
 * <p>
 * Why hand-written: Quarkus falls back to {@code http://localhost:4317/} when no endpoint is set and exports there,
 * logging a failure per batch when nothing listens; the exporter's type is fixed at build time, and the only run-time
 * switch, {@code quarkus.otel.sdk.disabled}, cannot be derived from another property by configuration alone. That
 * fallback comes from Quarkus' default values (ordinal {@link Integer#MIN_VALUE}), which is how this tells it from an
 * endpoint somebody configured. An explicit {@code QUARKUS_OTEL_SDK_DISABLED} wins (this source's ordinal is below
 * application.properties and the environment).
 */
public class TracingSwitch implements ConfigSourceFactory {

    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    /** The OpenTelemetry wrapper around every JDBC statement, of no use without the SDK. */
    static final String JDBC_TELEMETRY = "quarkus.datasource.jdbc.telemetry.enabled";
    /** Below application.properties (250) and the environment (300). */
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean on = ENDPOINTS.stream().anyMatch(name -> configured(context.getValue(name)));
        // Both ways, always: the build records this source's values as run-time defaults (where no endpoint is set),
        // so leaving the properties out at run time would not turn tracing back on.
        String name = "TracingSwitch (" + (on ? "an OTLP endpoint: tracing on" : "no OTLP endpoint: tracing off") + ")";
        return List.of(new MapBackedConfigSource(name, Map.of(SDK_DISABLED, String.valueOf(!on),
                JDBC_TELEMETRY, String.valueOf(on)), ORDINAL) {
        });
    }

    /** Set to something by a source of its own, not Quarkus' default value. */
    static boolean configured(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > Integer.MIN_VALUE;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
