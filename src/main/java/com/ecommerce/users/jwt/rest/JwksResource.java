package com.ecommerce.users.jwt.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.jwt.JwtKeys;

/** The public keys that verify this service's tokens, so other services verify them offline. */
@Path("/.well-known/jwks.json")
@PermitAll
@Tag(name = "Authentication")
public class JwksResource {

    private final JwtKeys keys;

    JwksResource(JwtKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set of the token verification keys (the current one, and the previous during a rotation)")
    @APIResponse(responseCode = "200", description = "RFC 7517 key set")
    public Response jwks() {
        // consumers cache it; a rotation keeps the previous key published for longer than this
        return Response.ok(keys.jwks()).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }
}
