package com.ecommerce.users.platform.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with a CORS origin that is not one exact origin. Quarkus would take {@code *} or a
 * {@code /regex/} as "any origin" (or a pattern that may match more than meant), and compares the rest as typed, so
 * a trailing slash or an upper-case letter would silently never match the {@code Origin} a browser sends. The chart's
 * values.schema.json holds the same pattern, so Helm refuses such values first.
 */
@ApplicationScoped
public class CorsOriginCheck {

    /** Scheme, lower-case host (name, IPv4 or bracketed IPv6), optional port: an origin as browsers serialise it. */
    static final Pattern EXACT_ORIGIN = Pattern.compile("https?://([a-z0-9.-]+|\\[[0-9a-f:.]+\\])(:[0-9]{1,5})?");

    void check(@Observes StartupEvent event,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        List<String> invalid = invalid(origins.orElse(List.of()));
        if (!invalid.isEmpty()) {
            throw new IllegalStateException("Invalid CORS origin(s) " + invalid + " in quarkus.http.cors.origins "
                    + "(QUARKUS_HTTP_CORS_ORIGINS): name each allowed origin exactly, e.g. https://shop.example.com, "
                    + "in lower case, without path, wildcard or pattern");
        }
    }

    static List<String> invalid(List<String> origins) {
        return origins.stream().filter(origin -> !EXACT_ORIGIN.matcher(origin).matches()).toList();
    }
}
