package com.ecommerce.users.jwt.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import com.ecommerce.users.jwt.Issuer;

/**
 * The discovery document (RFC 8414; OpenID Connect Discovery 1.0), from which gateways and OAuth libraries learn the
 * issuer and find the keys and endpoints. This service is an OAuth 2.0 authorization server with the password (at
 * /auth/login) and refresh (at /auth/token) grants, not an OpenID provider: it has no authorization endpoint and issues
 * no ID tokens. The OpenID Connect members it still publishes are the ones that discovery requires, answered
 * truthfully: no response types (there is no authorization endpoint), public subjects, and RS256, the access tokens'
 * algorithm.
 */
@Path("/.well-known")
@PermitAll
@Tag(name = "Authentication")
public class DiscoveryResource {

    private final Map<String, Object> document;

    DiscoveryResource(Issuer issuer) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer.value());
        metadata.put("jwks_uri", issuer.endpoint("/.well-known/jwks.json"));
        metadata.put("token_endpoint", issuer.endpoint("/auth/token"));
        metadata.put("introspection_endpoint", issuer.endpoint("/auth/introspect"));
        metadata.put("revocation_endpoint", issuer.endpoint("/auth/revoke"));
        // the token endpoint's grants; the password grant is at /auth/login, which no client finds through discovery
        metadata.put("grant_types_supported", List.of("refresh_token"));
        // public clients: the refresh token is the credential
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        metadata.put("response_types_supported", List.of());
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("claims_supported", List.of("iss", "aud", "sub", "upn", "groups", "sid", "iat", "exp", "jti"));
        this.document = Collections.unmodifiableMap(metadata);
    }

    @GET
    @Path("openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID Connect discovery document (the same metadata as the RFC 8414 document)")
    @APIResponse(responseCode = "200", description = "Provider metadata: issuer, jwks_uri, endpoints, grants, algorithms")
    public Response openIdConfiguration() {
        return answer();
    }

    @GET
    @Path("oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OAuth 2.0 authorization server metadata (RFC 8414)")
    @APIResponse(responseCode = "200", description = "Authorization server metadata: issuer, jwks_uri, endpoints, grants")
    public Response authorizationServerMetadata() {
        return answer();
    }

    private Response answer() {
        // changes only with a redeployment (a new issuer); consumers refetch it at most hourly
        return Response.ok(document).header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600").build();
    }
}
