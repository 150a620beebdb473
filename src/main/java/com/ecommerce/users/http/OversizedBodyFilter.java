package com.ecommerce.users.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.ecommerce.users.problem.Problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Answers a declared {@code Content-Length} above {@code quarkus.http.limits.max-body-size} with a 413 problem,
 * before Quarkus's own check (route order -2) would answer it with an empty body. The body is never read, so
 * the connection is closed afterwards.
 */
@ApplicationScoped
public class OversizedBodyFilter {

    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        String body = Json.encode(new Problem("about:blank", "Content Too Large", 413,
                "The request body is larger than " + limit + " bytes", null, null));
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                ctx.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                ctx.next();
            }
        });
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Netty rejects malformed lengths itself
        }
    }
}
