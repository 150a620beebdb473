package com.ecommerce.users.introspection.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.introspection.IntrospectionClients;
import com.ecommerce.users.introspection.TokenIntrospection;
import com.ecommerce.users.platform.problem.InvalidRequestException;
import com.ecommerce.users.platform.problem.Problem;

/**
 * Token introspection (RFC 7662) for resource servers that must know at once whether an access token still counts:
 * clients authenticate with HTTP Basic ({@link IntrospectionClients}); the bearer tokens of the API do not count here.
 */
@Path("/auth/introspect")
@PermitAll
@Tag(name = "Authentication")
public class IntrospectionResource {

    private final IntrospectionClients clients;
    private final TokenIntrospection introspection;

    IntrospectionResource(IntrospectionClients clients, TokenIntrospection introspection) {
        this.clients = clients;
        this.introspection = introspection;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Introspect an access token (RFC 7662), as a client with HTTP Basic credentials",
            description = "Active only if a request bearing the token would be accepted now: signature, issuer, "
                    + "audience and lifetime, the account still there, no password change since, its session not "
                    + "ended. Anything else, refresh tokens included, is {\"active\": false}.")
    @APIResponse(responseCode = "200", description = "The token's state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntrospectionResponse.class)))
    @APIResponse(responseCode = "400", description = "No token field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No client credentials, or wrong ones",
            headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE, description = "Basic realm=\"user-service\""),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IntrospectionResponse introspect(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @FormParam("token") String token) {
        clients.authenticate(authorization);
        if (token == null) {
            throw new InvalidRequestException("token", "is required");
        }
        return introspection.introspect(token).map(IntrospectionResponse::of).orElse(IntrospectionResponse.INACTIVE);
    }
}
