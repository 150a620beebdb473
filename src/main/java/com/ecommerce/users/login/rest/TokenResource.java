package com.ecommerce.users.login.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.login.SessionService;
import com.ecommerce.users.login.SessionTokens;
import com.ecommerce.users.platform.http.ClientAddress;
import com.ecommerce.users.platform.problem.InvalidRequestException;
import com.ecommerce.users.platform.problem.Problem;

import io.vertx.core.http.HttpServerRequest;

/**
 * The refresh grant, logout and revocation (RFC 7009), as OAuth 2.0 clients send them (form) or as JSON. The refresh token is the
 * credential: no access token is needed, so an expired one does not stand in the way.
 */
@Path("/auth")
@PermitAll
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    static final String REFRESH_GRANT = "refresh_token";

    private final SessionService sessions;
    private final ClientAddress clients;

    TokenResource(SessionService sessions, ClientAddress clients) {
        this.sessions = sessions;
        this.clients = clients;
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Refresh: a new access token and a new refresh token (the old one stops working)",
            description = "grant_type=refresh_token. Presenting a refresh token a second time ends its whole session.")
    @APIResponse(responseCode = "200", description = "New tokens",
            headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_grant: unknown, expired, revoked or used refresh token; "
            + "unsupported_grant_type; invalid_request: a missing or malformed field (listed in errors)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = OAuthProblem.class)))
    public Response refreshForm(@FormParam("grant_type") String grantType,
            @FormParam("refresh_token") String refreshToken, @Context HttpServerRequest http) {
        return refresh(grantType, refreshToken, http);
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refresh, with a JSON body")
    @APIResponse(responseCode = "200", description = "New tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_grant, unsupported_grant_type or invalid_request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = OAuthProblem.class)))
    public Response refreshJson(@NotNull(message = "a JSON body is required") RefreshRequest request,
            @Context HttpServerRequest http) {
        return refresh(request.grantType(), request.refreshToken(), http);
    }

    private Response refresh(String grantType, String refreshToken, HttpServerRequest http) {
        if (grantType == null) {
            throw new InvalidRequestException("grant_type", "is required");
        }
        if (!grantType.equals(REFRESH_GRANT)) {
            throw new UnsupportedGrantTypeException();
        }
        if (refreshToken == null) {
            throw new InvalidRequestException("refresh_token", "is required");
        }
        SessionTokens refreshed = sessions.refresh(refreshToken, clients.of(http));
        return TokenResponse.answer(refreshed);
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Log out: end the session of a refresh token",
            description = "Its refresh tokens and its access tokens stop working. An unknown or ended token is not an "
                    + "error (RFC 7009): the answer is the same.")
    @APIResponse(responseCode = "204", description = "The session, if any, has ended")
    @APIResponse(responseCode = "400", description = "invalid_request: no refresh_token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = OAuthProblem.class)))
    public Response logoutForm(@FormParam("refresh_token") String refreshToken) {
        return logout(refreshToken);
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log out, with a JSON body")
    @APIResponse(responseCode = "204", description = "The session, if any, has ended")
    @APIResponse(responseCode = "400", description = "invalid_request: no refresh_token, or not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = OAuthProblem.class)))
    public Response logoutJson(@NotNull(message = "a JSON body is required") LogoutRequest request) {
        return logout(request.refreshToken());
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a refresh token (RFC 7009): its session ends, as at a logout",
            description = "token_type_hint is accepted and ignored: only refresh tokens are revoked here (an access "
                    + "token ends with its session, or at exp). An unknown, ended or invalid token is answered the same.")
    @APIResponse(responseCode = "200", description = "The session, if any, has ended")
    @APIResponse(responseCode = "400", description = "invalid_request: no token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = OAuthProblem.class)))
    public Response revoke(@FormParam("token") String token, @FormParam("token_type_hint") String tokenTypeHint) {
        if (token == null) {
            throw new InvalidRequestException("token", "is required");
        }
        sessions.logout(token);
        return Response.ok().build();
    }

    private Response logout(String refreshToken) {
        if (refreshToken == null) {
            throw new InvalidRequestException("refresh_token", "is required");
        }
        sessions.logout(refreshToken);
        return Response.noContent().build();
    }
}
