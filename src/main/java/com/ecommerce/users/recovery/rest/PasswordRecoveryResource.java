package com.ecommerce.users.recovery.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.platform.http.ClientAddress;
import com.ecommerce.users.recovery.PasswordRecovery;

import io.vertx.core.http.HttpServerRequest;

/** Forgotten passwords: a reset link by mail, then a new password with its token. */
@Path("/auth")
@PermitAll
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", description = "Overloaded or database unavailable; see Retry-After",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = SchemaType.INTEGER)))
public class PasswordRecoveryResource {

    private final PasswordRecovery recovery;
    private final ClientAddress clients;

    PasswordRecoveryResource(PasswordRecovery recovery, ClientAddress clients) {
        this.recovery = recovery;
        this.clients = clients;
    }

    @POST
    @Path("password-recovery")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a password reset link", description = "Always 202 with the same body, whether or not "
            + "an account has the address, in the same time: the mail (a link valid 30 minutes, once) goes out in the "
            + "background. At most 3 mails an hour and 10 a day to one address, of every kind together (further "
            + "requests are answered alike and mail nothing), and 10 requests per client address per 15 minutes "
            + "(then 429).")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryAccepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed request or invalid email")
    @APIResponse(responseCode = "429", description = "Too many requests from this client; see Retry-After",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = SchemaType.INTEGER)))
    public Response requestReset(@NotNull(message = "a JSON body is required") @Valid RecoveryRequest request,
            @Context HttpServerRequest http) {
        recovery.request(request.email(), clients.of(http));
        return Response.accepted(RecoveryAccepted.INSTANCE).build();
    }

    @POST
    @Path("reset-password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with a reset link's token", description = "Ends every token and session "
            + "of the account and its other reset links; confirms its email address (the mail reached it). Log in with "
            + "the new password.")
    @APIResponse(responseCode = "204", description = "The password is changed")
    @APIResponse(responseCode = "400", description = "Malformed request, a password outside the rules, or a token "
            + "that is unknown (invalid-token), used (used-token) or expired (expired-token)")
    public Response reset(@NotNull(message = "a JSON body is required") @Valid ResetRequest request) {
        recovery.reset(request.token(), request.newPassword());
        return Response.noContent().build();
    }
}
