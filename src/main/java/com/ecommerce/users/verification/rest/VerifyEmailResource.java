package com.ecommerce.users.verification.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.platform.problem.Problem;
import com.ecommerce.users.verification.EmailVerification;

/** Confirms an address with the token of a verification mail; no login needed (the link may open on another device). */
@Path("/auth")
@PermitAll
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class VerifyEmailResource {

    static final String INVALID_TOKEN_EXAMPLE = """
            {"type":"urn:problem:user-service:expired-token","title":"Token expired","status":400,
             "detail":"This link has expired; request a new one","instance":"/auth/verify-email"}""";

    private final EmailVerification verification;

    VerifyEmailResource(EmailVerification verification) {
        this.verification = verification;
    }

    @POST
    @Path("verify-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm an email address", description = "With the token of the link mailed at registration, "
            + "after an email change, or by POST /users/me/email-verification. Each token works once, for 24 hours, and "
            + "only while the account still has the address it was sent to.")
    @APIResponse(responseCode = "204", description = "The account's address is verified")
    @APIResponse(responseCode = "400", description = "Malformed request, or a token that is unknown (invalid-token), "
            + "used (used-token) or expired (expired-token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "expired", value = INVALID_TOKEN_EXAMPLE)))
    @APIResponse(responseCode = "503", description = "Database unavailable; see Retry-After")
    public Response verify(@NotNull(message = "a JSON body is required") @Valid VerifyEmailRequest request) {
        verification.verify(request.token());
        return Response.noContent().build();
    }
}
