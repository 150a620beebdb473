package com.ecommerce.users.verification.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.verification.EmailVerification;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** A new verification mail for the caller's address. Shares the /users root with the account resources. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Users", description = "Accounts of the shop")
public class EmailVerificationRequestResource {

    private final EmailVerification verification;
    private final SecurityIdentity identity;

    EmailVerificationRequestResource(EmailVerification verification, SecurityIdentity identity) {
        this.verification = verification;
        this.identity = identity;
    }

    @POST
    @Path("me/email-verification")
    @Operation(summary = "Send the verification mail again", description = "Mails a new link to the caller's current "
            + "address; earlier links keep working until they expire. One per minute, five a day per account, and no "
            + "more than the address's cap of mail of every kind: 3 an hour, 10 a day.")
    @APIResponse(responseCode = "202", description = "The mail is on its way (sent in the background, retried if the "
            + "mail server is down)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "409", description = "The address is verified already")
    @APIResponse(responseCode = "429", description = "Too many requests, or the address's cap of mail is reached; "
            + "see Retry-After",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "503", description = "Database unavailable; see Retry-After")
    public Response resend() {
        verification.resend(Caller.of(identity).userId());
        return Response.accepted().build();
    }
}
