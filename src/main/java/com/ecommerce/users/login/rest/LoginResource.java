package com.ecommerce.users.login.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
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

import com.ecommerce.users.login.LoginFailureFloor;
import com.ecommerce.users.login.LoginService;
import com.ecommerce.users.platform.http.ClientAddress;
import com.ecommerce.users.platform.http.UserAgents;
import com.ecommerce.users.platform.problem.InvalidRequestException;
import com.ecommerce.users.platform.problem.Problem;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Password login, as JSON or as the OAuth 2.0 password grant form (which Swagger UI's Authorize button sends). */
@Path("/auth/login")
@PermitAll
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "200", description = "Logged in",
        headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store"),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
@APIResponse(responseCode = "400", description = "Malformed request")
@APIResponse(responseCode = "401", description = "Unknown email, wrong password or too many attempts: one answer for all "
        + "(invalid-credentials); or, for the right password of an account with a second factor, mfa-required with "
        + "error mfa_required and an mfa_token for POST /auth/login/mfa",
        headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE))
@APIResponse(responseCode = "503", description = "Too many logins in progress; see Retry-After")
public class LoginResource {

    private final LoginService logins;
    private final LoginFailureFloor failureFloor;
    private final ClientAddress clients;

    LoginResource(LoginService logins, LoginFailureFloor failureFloor, ClientAddress clients) {
        this.logins = logins;
        this.failureFloor = failureFloor;
        this.clients = clients;
    }

    // Blocking: the login hashes and queries on a worker thread; the Uni lets a failure wait for its floor on a timer.
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with email and password")
    public Uni<Response> login(@NotNull(message = "a JSON body is required") @Valid LoginRequest request,
            @Context HttpServerRequest http) {
        return login(request.email(), request.password(), http);
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Log in with the OAuth 2.0 password grant (username is the email)")
    public Uni<Response> loginForm(@FormParam("grant_type") String grantType,
            @FormParam("username") @LoginEmail String username, @FormParam("password") @LoginPassword String password,
            @Context HttpServerRequest http) {
        if (grantType != null && !grantType.equals("password")) {
            throw new InvalidRequestException("grant_type", "only the password grant is supported");
        }
        return login(username, password, http);
    }

    @POST
    @Path("mfa")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in, second step: the mfa_token of the first step and a code (or a recovery code)",
            description = "For an account with a second factor, POST /auth/login answers 401 with error mfa_required "
                    + "and an mfa_token (single-use, 5 minutes, dead after 5 wrong codes). The tokens carry amr "
                    + "[\"pwd\", \"otp\"].")
    @APIResponse(responseCode = "401", description = "wrong-mfa-code (the token lives on) or invalid-mfa-token; error "
            + "invalid_grant", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = OAuthProblem.class)))
    public Response loginMfa(@NotNull(message = "a JSON body is required") @Valid MfaLoginRequest request,
            @Context HttpServerRequest http) {
        if ((request.code() == null) == (request.recoveryCode() == null)) {
            throw new InvalidRequestException("code", "send either code or recovery_code");
        }
        return TokenResponse.answer(logins.completeMfa(request.mfaToken(), request.code(), request.recoveryCode(),
                clients.of(http), UserAgents.of(http)));
    }

    private Uni<Response> login(String email, String password, HttpServerRequest http) {
        long started = System.nanoTime();
        String client = clients.of(http);
        String userAgent = UserAgents.of(http);
        return failureFloor.answer(started, () -> TokenResponse.answer(logins.login(email, password, client, userAgent)));
    }
}
