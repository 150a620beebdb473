package com.ecommerce.users.user.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.User;
import com.ecommerce.users.platform.http.ClientAddress;
import com.ecommerce.users.platform.problem.Problem;
import com.ecommerce.users.user.StepUpCode;
import com.ecommerce.users.user.UserService;
import com.ecommerce.users.user.UserUpdates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The caller's own account, under /users/me: the account of the bearer token, whatever its role. Shares the /users
 * root with {@link UserResource}; Quarkus REST routes both as one resource.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Users", description = "Accounts of the shop")
@APIResponse(responseCode = "400", description = "Malformed request or invalid fields",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "validation", value = UserResource.VALIDATION_EXAMPLE)))
@APIResponse(responseCode = "503", description = "Overloaded or database unavailable; see Retry-After",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = SchemaType.INTEGER)))
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class MyAccountResource {

    private final UserService users;
    private final UserUpdates updates;
    private final SecurityIdentity identity;
    private final ClientAddress clients;
    private final HttpHeaders headers;
    private final ObjectMapper json;

    MyAccountResource(UserService users, UserUpdates updates, SecurityIdentity identity, ClientAddress clients,
            HttpHeaders headers, ObjectMapper json) {
        this.json = json;
        this.users = users;
        this.updates = updates;
        this.identity = identity;
        this.clients = clients;
        this.headers = headers;
    }

    @GET
    @Path("me")
    @Operation(summary = "Get the caller's account")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    public Response getMe() {
        Caller caller = Caller.of(identity);
        User me = users.get(caller, caller.userId());
        return UserResponse.ok(me, users.secondFactors(me));
    }

    @PATCH
    @Path("me")
    @Consumes(UserResource.MERGE_PATCH_JSON)
    @Operation(summary = "Change the caller's name or email", description = "JSON merge patch (RFC 7396). A new email "
            + "needs currentPassword (checked whenever sent), and ends every token of the account, this one included: "
            + "log in again with the new email. The password changes with PUT /users/me/password; the role only by an "
            + "admin, and the last admin keeps it.")
    @APIResponse(responseCode = "200", description = "The changed account", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "403", description = "A role or password change, or a wrong currentPassword")
    @APIResponse(responseCode = "409",
            description = "Email already registered (duplicate-email), or the user role for the last admin (last-admin)")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version the change is based on")
    public Response patchMe(@NotNull(message = "a JSON body is required") @Valid UserPatchRequest request,
            @Context HttpServerRequest http) {
        Caller caller = Caller.of(identity);
        return UserResponse.ok(updates.update(caller, caller.userId(), request.toChanges(), EntityTags.ifMatch(headers),
                clients.of(http)));
    }

    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's password", description = "Needs the current password. Every token "
            + "issued before, this one included, stops working: log in again.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "403", description = "Wrong current password, or too many attempts (wrong-password); "
            + "on an account with a second factor, no code (mfa-code-required) or a wrong one (wrong-mfa-code)")
    public Response changePassword(@NotNull(message = "a JSON body is required") @Valid PasswordChangeRequest request,
            @Context HttpServerRequest http) {
        updates.changeOwnPassword(Caller.of(identity), request.currentPassword(), request.newPassword(),
                new StepUpCode(request.code(), request.recoveryCode()), clients.of(http));
        return Response.noContent().build();
    }

    @DELETE
    @Path("me")
    @Operation(summary = "Delete the caller's account", description = "No body; an account with a second factor sends "
            + "a JSON body {\"code\"} (or {\"recoveryCode\"}): without one, 403 mfa-code-required; a wrong one, 403 "
            + "wrong-mfa-code.")
    @APIResponse(responseCode = "204", description = "Deleted; its tokens stop working")
    @APIResponse(responseCode = "403", description = "mfa-code-required or wrong-mfa-code")
    @APIResponse(responseCode = "409",
            description = "Other records still reference the account (user-in-use), or it is the last admin (last-admin)")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version to delete")
    // The body is optional, which a JSON entity parameter is not (Quarkus REST answers 415 to a DELETE without a
    // Content-Type): read as text, parsed by the application's strict ObjectMapper when there is one.
    public Response deleteMe(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeletionRequest.class))) String body, @Context HttpServerRequest http)
            throws JsonProcessingException {
        Caller caller = Caller.of(identity);
        StepUpCode factor = StepUpCode.NONE;
        if (body != null && !body.isBlank()) {
            DeletionRequest request = json.readValue(body, DeletionRequest.class);
            factor = new StepUpCode(request.code(), request.recoveryCode());
        }
        updates.delete(caller, caller.userId(), EntityTags.ifMatch(headers), factor, clients.of(http));
        return Response.noContent().build();
    }
}
