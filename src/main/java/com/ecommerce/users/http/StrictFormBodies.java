package com.ecommerce.users.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.ecommerce.users.problem.ProblemResponses;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Form bodies ({@code application/x-www-form-urlencoded}) must be well-formed percent-encoding: every {@code %} starts
 * an escape of two hex digits (WHATWG URL, urlencoded parsing; RFC 3986 2.1). Quarkus REST decodes form bodies itself
 * before any resource runs and reports a malformed escape with a bare IllegalArgumentException, indistinguishable by
 * type from a bug; so the body is checked here first and refused with its own 400 problem. A request filter without
 * {@code withFormRead} runs before Quarkus REST reads the form, on the resource method's (worker) thread, and the form
 * is then parsed from the stream set here.
 */
@Provider
public class StrictFormBodies implements ContainerRequestFilter {

    private final long maxBodySize;

    StrictFormBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            return;
        }
        // Vert.x refuses larger bodies already; the bound keeps this copy from ever depending on that
        byte[] body = request.getEntityStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
        if (body.length > maxBodySize) {
            request.abortWith(ProblemResponses.of(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + maxBodySize + " bytes", request.getUriInfo()).build());
        } else if (!isPercentEncoded(body)) {
            request.abortWith(ProblemResponses.of(Response.Status.BAD_REQUEST,
                    "The form body is not valid percent-encoding", request.getUriInfo()).build());
        } else {
            request.setEntityStream(new ByteArrayInputStream(body));
        }
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
