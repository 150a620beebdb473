package com.ecommerce.users.platform.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {

    public static final String TYPE_PREFIX = "urn:problem:user-service:";
    /** WWW-Authenticate of a request without credentials (RFC 6750). */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"user-service\"";
    /** WWW-Authenticate of a request whose token was refused (RFC 6750, section 3.1). */
    public static final String INVALID_TOKEN_CHALLENGE = BEARER_CHALLENGE + ", error=\"invalid_token\"";

    private ProblemResponses() {
    }

    /** A problem whose status says it all: {@code type} is {@code about:blank}, {@code title} the reason phrase. */
    public static Response.ResponseBuilder of(Response.StatusType status, String detail, UriInfo uri) {
        return build(status.getStatusCode(), "about:blank", status.getReasonPhrase(), detail, uri, null);
    }

    /** A problem with its own type, {@code urn:problem:user-service:<slug>}. */
    public static Response.ResponseBuilder of(int status, String slug, String title, String detail, UriInfo uri) {
        return build(status, TYPE_PREFIX + slug, title, detail, uri, null);
    }

    /**
     * 413 for a body past {@code quarkus.http.limits.max-body-size}, found while reading it. The rest of the body is
     * left unread, so the connection closes after the answer (RFC 9110, section 15.5.14).
     */
    public static Response.ResponseBuilder contentTooLarge(long limit, UriInfo uri) {
        return of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than " + limit + " bytes", uri)
                .header("Connection", "close");
    }

    public static Response.ResponseBuilder validation(List<Problem.FieldError> errors, UriInfo uri) {
        return build(400, TYPE_PREFIX + "validation", "Invalid request", "The request has invalid fields", uri,
                errors);
    }

    private static Response.ResponseBuilder build(int status, String type, String title, String detail,
            UriInfo uri, List<Problem.FieldError> errors) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(type, title, status, detail, instance, errors));
    }
}
