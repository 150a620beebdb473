package com.ecommerce.users.problem;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.password.PasswordHashingBusyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;

/**
 * Turns every exception that reaches the REST layer into {@code application/problem+json}. Details are written
 * here, never copied from exception messages, which can quote SQL, request bodies or password fragments.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final Map<Integer, String> DETAILS = Map.of(
            400, "The request is malformed",
            401, "Authentication is required",
            403, "Access to this resource is denied",
            404, "No resource exists at this path",
            405, "This method is not allowed on this resource",
            406, "This resource produces application/json only",
            413, "The request body is too large",
            415, "Unsupported content type; send the media type this operation documents");

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // Quarkus REST wraps body parse errors in a 400
        }
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return unexpected(e, uri);
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

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
        return ProblemResponses.validation(List.of(new Problem.FieldError(e.field(), e.getMessage())), uri).build();
    }

    @ServerExceptionMapper({ ConstraintViolationException.class, ResteasyReactiveViolationException.class })
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return unexpected(e, uri); // the service broke its own contract: not the client's fault
                }
            }
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return ProblemResponses.validation(errors, uri).build();
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, UnrecognizedPropertyException.class, InvalidNullException.class,
            StreamConstraintsException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            String message = switch (e) {
                case UnrecognizedPropertyException u -> "unknown property";
                case InvalidNullException n -> "must not be null";
                case MismatchedInputException m -> "has the wrong type";
                default -> "is invalid";
            };
            return ProblemResponses.validation(List.of(new Problem.FieldError(field, message)), uri).build();
        }
        String detail = e instanceof StreamConstraintsException
                ? "The JSON document exceeds the nesting or size limits"
                : e instanceof MismatchedInputException
                        ? "The JSON document does not have the expected shape"
                        : "The request body is not valid JSON";
        return ProblemResponses.of(Response.Status.BAD_REQUEST, detail, uri).build();
    }

    /** A body that is not UTF-8 (config.StrictUtf8Bodies), from wherever its reading reported it. */
    @ServerExceptionMapper
    public Response notUtf8(CharacterCodingException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.BAD_REQUEST, "The request body is not valid UTF-8", uri).build();
    }

    /** No credentials on an operation that needs them. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.UNAUTHORIZED, "This operation needs a bearer token", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.BEARER_CHALLENGE)
                .build();
    }

    /** A token that is malformed, expired, badly signed, or of a deleted account or an older password. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.UNAUTHORIZED, "The bearer token is invalid or expired; log in again", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, ProblemResponses.INVALID_TOKEN_CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.FORBIDDEN, "This operation needs the admin role", uri).build();
    }

    @ServerExceptionMapper
    public Response hashingBusy(PasswordHashingBusyException e, UriInfo uri) {
        return ProblemResponses.of(503, "overloaded", "Service overloaded",
                "Too many password operations are in progress; retry later", uri)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response databaseConnection(JDBCConnectionException e, UriInfo uri) {
        return databaseUnavailable(uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutages.isOutage(e)) {
            return databaseUnavailable(uri);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, reference %s", reference);
        return ProblemResponses.of(Response.Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; reference " + reference, uri).build();
    }

    private static Response databaseUnavailable(UriInfo uri) {
        LOG.warn("Database unavailable; answering 503");
        return ProblemResponses.of(503, "database-unavailable", "Database unavailable",
                "The database cannot be reached; retry later", uri)
                .header(HttpHeaders.RETRY_AFTER, 5)
                .build();
    }

    /** {@code create.request.email} becomes {@code email}; a bare parameter such as {@code limit} stays itself. */
    private static String fieldOf(Path path) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                properties.add(node.getName());
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter != null ? parameter : path.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                String name = ref.getFieldName();
                field.append(name.length() > 64 ? name.substring(0, 64) + "…" : name);
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
