package com.ecommerce.users.user.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.user.LoginLocks;

import io.quarkus.security.identity.SecurityIdentity;

/** An admin lifts the login throttle's locks of an account's address, a thin HTTP layer over {@link LoginLocks}. */
@Path("/users/{id}/login-lock")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class LoginLockResource {

    private final LoginLocks locks;
    private final SecurityIdentity identity;

    LoginLockResource(LoginLocks locks, SecurityIdentity identity) {
        this.locks = locks;
        this.identity = identity;
    }

    @DELETE
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Lift the login locks of an account (admin)", description = "Clears the login throttle's "
            + "locks and failure counts of the account's address, from every client and account-wide: its next login "
            + "is counted afresh. Nothing else changes.")
    @APIResponse(responseCode = "204", description = "Lifted (also when nothing was locked)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such account (also for a non-numeric id)")
    public Response lift(@Parameter(description = "Account id", schema = @Schema(type = SchemaType.INTEGER,
            format = "int32")) @PathParam("id") String id) {
        locks.lift(Caller.of(identity), AccountIds.parse(id));
        return Response.noContent().build();
    }
}
