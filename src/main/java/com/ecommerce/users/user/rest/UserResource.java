package com.ecommerce.users.user.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserPage;
import com.ecommerce.users.mfa.MfaEnrolment;
import com.ecommerce.users.platform.http.ClientAddress;
import com.ecommerce.users.user.StepUpCode;
import com.ecommerce.users.platform.problem.Problem;
import com.ecommerce.users.user.UserService;
import com.ecommerce.users.user.UserUpdates;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The account API by account id, a thin HTTP layer over {@link UserService}: registration, which is public, the
 * admin's listing, and reading, changing and deleting an account, which only the account itself or an admin can
 * reach. The caller's own account under /users/me: {@link MyAccountResource}.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Accounts of the shop")
@APIResponse(responseCode = "400", description = "Malformed request or invalid fields",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "validation", value = UserResource.VALIDATION_EXAMPLE)))
@APIResponse(responseCode = "503", description = "Overloaded or database unavailable; see Retry-After",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = SchemaType.INTEGER)))
public class UserResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final String VALIDATION_EXAMPLE = """
            {"type":"urn:problem:user-service:validation","title":"Invalid request","status":400,
             "detail":"The request has invalid fields","instance":"/users",
             "errors":[{"field":"email","message":"must be a well-formed email address"}]}""";
    private static final String ID = "Account id";

    private final UserService users;
    private final UserUpdates updates;
    private final SecurityIdentity identity;
    private final ClientAddress clients;
    private final MfaEnrolment mfa;
    private final HttpHeaders headers;

    UserResource(UserService users, UserUpdates updates, MfaEnrolment mfa, SecurityIdentity identity, ClientAddress clients,
            HttpHeaders headers) {
        this.users = users;
        this.updates = updates;
        this.identity = identity;
        this.clients = clients;
        this.mfa = mfa;
        this.headers = headers;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an account", description = "Public. The account gets the user role.")
    @APIResponse(responseCode = "201", description = "Created",
            headers = { @Header(name = HttpHeaders.LOCATION, description = "/users/{id}"),
                    @Header(name = HttpHeaders.ETAG, description = "Version, for If-Match") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "409", description = "Email already registered, in any letter case")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "415", description = "Not application/json")
    public Response create(@NotNull(message = "a JSON body is required") @Valid NewUserRequest request) {
        User user = users.register(request.name(), request.email(), request.password());
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/users/" + user.id)
                .tag(EntityTags.of(user))
                .entity(UserResponse.of(user))
                .build();
    }

    @GET
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "List accounts (admin)", description = "Keyset pagination in id order: pass the previous "
            + "page's next as after. Every page costs the same however deep it is.")
    @APIResponse(responseCode = "200", description = "A page of accounts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserPageResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public UserPageResponse list(
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20",
                    minimum = "1", maximum = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "The next cursor of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Only the account with this email, in any spelling of it (letter case, Unicode forms)") @QueryParam("email") String email,
            @Parameter(description = "Only accounts whose name contains this, ignoring case") @QueryParam("name") String name) {
        ListParameters params = ListParameters.parse(limit, after, email, name);
        UserPage page = users.list(params.limit(), params.afterId(), params.emailKey(), params.name());
        List<UserResponse> items = page.users().stream().map(UserResponse::of).toList();
        return new UserPageResponse(items, page.lastId() == null ? null : PageCursor.encode(page.lastId()));
    }

    @GET
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Get an account (itself or admin)")
    @APIResponse(responseCode = "200", description = "The account",
            headers = @Header(name = HttpHeaders.ETAG, description = "Version, for If-Match"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "No such account, or not the caller's (also for a non-numeric id)")
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("id") String id) {
        int account = AccountIds.parse(id);
        return UserResponse.ok(users.get(Caller.of(identity), account));
    }

    @PATCH
    @Path("{id}")
    @Authenticated
    @Consumes(MERGE_PATCH_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change an account (itself or admin)", description = "JSON merge patch (RFC 7396) of name, "
            + "email, and, by an admin, role and another account's password. A new email for the caller's own "
            + "account needs currentPassword (the caller's password, checked whenever sent) and ends its tokens. The "
            + "last admin keeps its role. With If-Match, the change applies only if the account still has that "
            + "version.")
    @APIResponse(responseCode = "200", description = "The changed account",
            headers = @Header(name = HttpHeaders.ETAG, description = "New version"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "A role change by a non-admin, a password change that needs PUT /users/me/password, or a wrong currentPassword")
    @APIResponse(responseCode = "404", description = "No such account, or not the caller's")
    @APIResponse(responseCode = "409",
            description = "Email already registered (duplicate-email), or the user role for the last admin (last-admin)")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "415", description = "Not application/merge-patch+json")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version the change is based on")
    public Response patch(@Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid UserPatchRequest request,
            @Context HttpServerRequest http) {
        int account = AccountIds.parse(id);
        return UserResponse.ok(updates.update(Caller.of(identity), account, request.toChanges(), EntityTags.ifMatch(headers),
                clients.of(http)));
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete an account (itself or admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "404", description = "No such account, or not the caller's")
    @APIResponse(responseCode = "409",
            description = "Other records still reference the account (user-in-use), or it is the last admin (last-admin)")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version to delete")
    public Response delete(@Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("id") String id,
            @Context HttpServerRequest http) {
        int account = AccountIds.parse(id);
        updates.delete(Caller.of(identity), account, EntityTags.ifMatch(headers), StepUpCode.NONE, clients.of(http));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/mfa")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Remove an account's second factor (admin)", description = "For an account that lost its "
            + "authenticator and its recovery codes: it logs in with the password alone again. Audited (mfa.removed, "
            + "with the admin as actor).")
    @APIResponse(responseCode = "204", description = "Removed, or there was none")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such account")
    public Response removeMfa(@Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("id") String id) {
        mfa.remove(Caller.of(identity), AccountIds.parse(id));
        return Response.noContent().build();
    }
}
