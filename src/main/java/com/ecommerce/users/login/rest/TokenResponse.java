package com.ecommerce.users.login.rest;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.jwt.AccessToken;
import com.ecommerce.users.login.OpenedSession;
import com.ecommerce.users.login.SessionTokens;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An OAuth 2.0 token response (RFC 6749, section 5.1), with the session's refresh token and, as Keycloak sends it,
 * the seconds until the session expires unless it is refreshed.
 */
@RegisterForReflection
@Schema(name = "Token")
public record TokenResponse(
        @JsonProperty("access_token") @Schema(description = "RS256-signed JWT") String accessToken,
        @JsonProperty("token_type") @Schema(examples = "bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(description = "Seconds until the access token expires", examples = "900") long expiresIn,
        @JsonProperty("refresh_token") @Schema(description = "Opaque; for POST /auth/token, once: each use returns a new one") String refreshToken,
        @JsonProperty("refresh_expires_in") @Schema(description = "Seconds until the session expires unless refreshed", examples = "2592000") long refreshExpiresIn) {

    /**
     * The answer carrying {@code tokens}. RFC 6749 5.1: a token answer is not cached. Cache-Control: no-store comes from
     * configuration for every answer under /auth and /users (quarkus.http.filter.account-data); set here too, it would
     * be sent twice.
     */
    public static Response answer(SessionTokens tokens) {
        AccessToken accessToken = tokens.accessToken();
        OpenedSession session = tokens.session();
        return Response.ok(new TokenResponse(accessToken.token(), "bearer", accessToken.expiresIn(),
                session.refreshToken(), session.expiresIn())).header("Pragma", "no-cache").build();
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + "]"; // never the tokens
    }
}
