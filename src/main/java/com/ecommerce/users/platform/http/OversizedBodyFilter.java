package com.ecommerce.users.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.ecommerce.users.platform.problem.Problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * Answers a declared {@code Content-Length} above {@code quarkus.http.limits.max-body-size} with a 413 problem,
 * before Quarkus's own check (its upload limit route) would answer it with an empty body. The body is never read, so
 * the connection is closed afterwards.
 *
 * <p>A body that declares no length (chunked) can only be measured while it is read. Quarkus marks such a request
 * for the REST layer's input stream, which, one byte past the limit, writes an empty 413 itself and fails the read
 * with a bare IOException: the resource's read then ends in a logged 500 that cannot be sent (the answer is out
 * already), and a bare IOException cannot be told from a broken connection. So the mark is taken off here, and the
 * body is counted where it is read instead ({@link BoundedBodies}, {@link StrictFormBodies}), which answer a 413
 * problem.
 */
@ApplicationScoped
public class OversizedBodyFilter {

    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    private static final int AFTER_QUARKUS_UPLOAD_LIMIT = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        String body = Json.encode(new Problem("about:blank", "Content Too Large", 413,
                "The request body is larger than " + limit + " bytes", null, null));
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                ctx.addEndHandler(answered -> closeAfterRefusal(ctx.request()));
                ctx.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                ctx.next();
            }
        });
        router.route().order(AFTER_QUARKUS_UPLOAD_LIMIT).handler(ctx -> {
            ctx.remove(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY); // set for every request without Content-Length
            if (ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) { // a body of no declared length
                ctx.addEndHandler(answered -> {
                    if (ctx.response().getStatusCode() == 413) { // found while reading: the rest is unread
                        closeAfterRefusal(ctx.request());
                    }
                });
            }
            ctx.next();
        });
    }

    /**
     * After a 413, as Quarkus's own refusals do: the rest of the body is never read, so an HTTP/1.x connection cannot
     * carry another request (Vert.x would keep it open, the request paused, whatever Connection header the answer
     * carries). HTTP/2 ends the stream alone.
     */
    private static void closeAfterRefusal(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            request.connection().close();
        }
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Netty rejects malformed lengths itself
        }
    }
}
