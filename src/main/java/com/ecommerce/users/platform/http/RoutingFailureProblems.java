package com.ecommerce.users.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.ecommerce.users.platform.problem.Problem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Problem bodies for client errors that Vert.x Web finds before any resource runs, such as an HTTP/1.1 request whose
 * Host header is not a host. Quarkus's own failure handler would answer those with its JSON error page, which is not
 * a problem and, outside production, names the exception. The detail is fixed text: the failure's message may quote
 * the request. Also refuses what RFC 9112 (section 3.2) says must be a 400 and Vert.x lets through: two Host headers.
 */
@ApplicationScoped
public class RoutingFailureProblems {

    /** Before every other failure handler, Quarkus's included. */
    private static final int FIRST = Integer.MIN_VALUE;

    void install(@Observes Router router) {
        router.route().order(FIRST).failureHandler(RoutingFailureProblems::handle);
        router.route().order(FIRST).handler(ctx -> {
            if (ctx.request().headers().getAll(HttpHeaders.HOST).size() > 1) {
                ctx.fail(400);
            } else {
                ctx.next();
            }
        });
    }

    private static void handle(RoutingContext ctx) {
        int status = ctx.failure() instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (status < 400 || status > 499 || ctx.response().headWritten()) {
            ctx.next(); // server errors stay with Quarkus's handler, which logs them
            return;
        }
        String title = HttpResponseStatus.valueOf(status).reasonPhrase();
        String detail = status == 400 ? "The request is malformed" : title;
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(new Problem("about:blank", title, status, detail, ctx.request().path(), null)));
    }
}
