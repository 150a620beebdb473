package com.ecommerce.users.platform.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.ecommerce.users.platform.problem.ProblemResponses;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Form bodies ({@code application/x-www-form-urlencoded}) must be well-formed percent-encoding: every {@code %} starts
 * an escape of two hex digits (WHATWG URL, urlencoded parsing; RFC 3986 2.1). Quarkus REST decodes form bodies itself
 * before any resource runs and reports a malformed escape with a bare IllegalArgumentException, indistinguishable by
 * type from a bug; so the body is checked here first and refused with its own 400 problem. So is a form of more than
 * {@code quarkus.http.limits.max-form-fields} fields (counting empty ones): a 413, where Quarkus REST, past its own
 * fixed limit of 1000, throws a bare RuntimeException. A request filter without {@code withFormRead} runs before
 * Quarkus REST reads the form, on the resource method's (worker) thread, and the form is then parsed from the stream
 * set here.
 */
@Provider
public class StrictFormBodies implements ContainerRequestFilter {

    /** Quarkus REST's own limit (FormEncodedDataDefinition), which cannot be configured. */
    static final int QUARKUS_REST_MAX_FORM_FIELDS = 1000;

    private final long maxBodySize;
    private final int maxFields;

    StrictFormBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.http.limits.max-form-fields") int maxFields) {
        if (maxFields < 1 || maxFields > QUARKUS_REST_MAX_FORM_FIELDS) {
            throw new IllegalArgumentException("quarkus.http.limits.max-form-fields must be 1 to "
                    + QUARKUS_REST_MAX_FORM_FIELDS + ": Quarkus REST fails on larger forms");
        }
        this.maxBodySize = maxBodySize.asLongValue();
        this.maxFields = maxFields;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            return;
        }
        // a declared length over the limit was refused before (OversizedBodyFilter); a chunked body stops here
        byte[] body = request.getEntityStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
        if (body.length > maxBodySize) {
            request.abortWith(ProblemResponses.contentTooLarge(maxBodySize, request.getUriInfo()).build());
        } else if (fields(body) > maxFields) {
            request.abortWith(ProblemResponses.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The form has more than " + maxFields + " fields", request.getUriInfo()).build());
        } else if (!isPercentEncoded(body)) {
            request.abortWith(ProblemResponses.of(Response.Status.BAD_REQUEST,
                    "The form body is not valid percent-encoding", request.getUriInfo()).build());
        } else {
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    /** The fields Quarkus REST would make of the body, at most: one more than its separators, empty ones included. */
    static int fields(byte[] body) {
        int fields = 1;
        for (byte b : body) {
            if (b == '&') {
                fields++;
            }
        }
        return fields;
    }

    static boolean isPercentEncoded(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '%') {
                if (i + 2 >= body.length || !isHex(body[i + 1]) || !isHex(body[i + 2])) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
