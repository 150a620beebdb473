package com.ecommerce.users.platform.problem;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The statuses Quarkus REST answers on its own (no such path, wrong method, wrong media type...), as problems. Details
 * are written here, never copied from exception messages, which can quote SQL, request bodies or password fragments;
 * so in every mapper of this package.
 */
public class HttpProblems {

    private static final Map<Integer, String> DETAILS = Map.of(
            400, "The request is malformed",
            401, "Authentication is required",
            403, "Access to this resource is denied",
            404, "No resource exists at this path",
            405, "This method is not allowed on this resource",
            406, "This resource produces application/json only",
            413, "The request body is too large",
            415, "Unsupported content type; send the media type this operation documents");

    /** A body past the size limit, found while reading it (http.BoundedBodies). */
    @ServerExceptionMapper
    public Response contentTooLarge(ContentTooLargeException e, UriInfo uri) {
        return ProblemResponses.contentTooLarge(e.limit(), uri).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonProblems.of(json, uri); // Quarkus REST wraps body parse errors in a 400
        }
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return UnexpectedProblems.of(e, uri);
        }
        Response.ResponseBuilder problem = ProblemResponses.of(status,
                DETAILS.getOrDefault(status.getStatusCode(), status.getReasonPhrase()), uri);
        // keep what the framework said in headers, such as Allow on a 405 or WWW-Authenticate on a 401
        original.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }
}
