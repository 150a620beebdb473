package com.ecommerce.users.mfa.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.mfa.MfaEnrolment;
import com.ecommerce.users.platform.http.ClientAddress;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** The caller's own second factor (TOTP), under /users/me/mfa. */
@Path("/users/me/mfa")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Second factor", description = "TOTP (RFC 6238) with recovery codes")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "wrong-password, mfa-code-required or wrong-mfa-code")
@APIResponse(responseCode = "409", description = "mfa-already-enabled or mfa-not-enrolled")
public class MyMfaResource {

    private final MfaEnrolment enrolment;
    private final SecurityIdentity identity;
    private final ClientAddress clients;

    MyMfaResource(MfaEnrolment enrolment, SecurityIdentity identity, ClientAddress clients) {
        this.enrolment = enrolment;
        this.identity = identity;
        this.clients = clients;
    }

    @POST
    @Path("totp")
    @Operation(summary = "Enrol an authenticator app", description = "Needs the current password. A new secret, "
            + "pending until confirmed (login does not change before); a second call replaces a pending one.")
    @APIResponse(responseCode = "200", description = "The secret, its otpauth URI and the URI as a QR code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaRequests.Enrolment.class)))
    public MfaRequests.Enrolment enrol(@NotNull(message = "a JSON body is required") @Valid MfaRequests.Enrol request,
            @Context HttpServerRequest http) {
        MfaEnrolment.Enrolment enrolled = enrolment.enrol(Caller.of(identity), request.currentPassword(), clients.of(http));
        return new MfaRequests.Enrolment(enrolled.secret(), enrolled.otpauthUri(), enrolled.qrCode());
    }

    @POST
    @Path("totp/confirm")
    @Operation(summary = "Confirm the pending secret with a code", description = "From now on the account needs the "
            + "second factor; its other sessions end. Answers ten single-use recovery codes, shown once.")
    @APIResponse(responseCode = "200", description = "The recovery codes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaRequests.RecoveryCodes.class)))
    public MfaRequests.RecoveryCodes confirm(@NotNull(message = "a JSON body is required") @Valid MfaRequests.Confirm request,
            @Context HttpServerRequest http) {
        return new MfaRequests.RecoveryCodes(enrolment.confirm(Caller.of(identity), request.code(), clients.of(http)));
    }

    @DELETE
    @Path("totp")
    @Operation(summary = "Turn the second factor off", description = "Needs the current password and a code (or a "
            + "recovery code).")
    @APIResponse(responseCode = "204", description = "Off; the recovery codes are gone too")
    public Response disable(@NotNull(message = "a JSON body is required") @Valid MfaRequests.StepUp request,
            @Context HttpServerRequest http) {
        enrolment.disable(Caller.of(identity), request.currentPassword(), request.code(), request.recoveryCode(),
                clients.of(http));
        return Response.noContent().build();
    }

    @POST
    @Path("recovery-codes")
    @Operation(summary = "New recovery codes", description = "Needs the current password and a code (or a recovery "
            + "code). The old codes stop working.")
    @APIResponse(responseCode = "200", description = "Ten new recovery codes, shown once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MfaRequests.RecoveryCodes.class)))
    public MfaRequests.RecoveryCodes renewRecoveryCodes(
            @NotNull(message = "a JSON body is required") @Valid MfaRequests.StepUp request, @Context HttpServerRequest http) {
        return new MfaRequests.RecoveryCodes(enrolment.renewRecoveryCodes(Caller.of(identity), request.currentPassword(),
                request.code(), request.recoveryCode(), clients.of(http)));
    }
}
