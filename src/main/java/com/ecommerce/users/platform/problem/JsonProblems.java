package com.ecommerce.users.platform.problem;

import java.nio.charset.CharacterCodingException;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * JSON bodies that cannot be read: not UTF-8, not JSON, beyond the parser's limits, or of the wrong shape. A body
 * that parses but has a wrong field is a validation problem naming the field.
 */
public class JsonProblems {

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, UnrecognizedPropertyException.class, InvalidNullException.class,
            StreamConstraintsException.class })
    public Response json(JsonProcessingException e, UriInfo uri) {
        return of(e, uri);
    }

    /** A body that is not UTF-8 (http.StrictUtf8Bodies), from wherever its reading reported it. */
    @ServerExceptionMapper
    public Response notUtf8(CharacterCodingException e, UriInfo uri) {
        return ProblemResponses.of(Response.Status.BAD_REQUEST, "The request body is not valid UTF-8", uri).build();
    }

    static Response of(JsonProcessingException e, UriInfo uri) {
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

    /** {@code address.lines[2]}; a property name past 64 characters is cut, as it comes from the client. */
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
