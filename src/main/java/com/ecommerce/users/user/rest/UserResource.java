package com.ecommerce.users.user.rest;

import java.util.List;
import java.util.function.LongPredicate;

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

import com.ecommerce.users.auth.Caller;
import com.ecommerce.users.http.ClientAddress;
import com.ecommerce.users.problem.Problem;
import com.ecommerce.users.user.User;
import com.ecommerce.users.user.UserPage;
import com.ecommerce.users.user.service.UserService;

import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The account API: a thin HTTP layer over {@link UserService}. Registration is public; everything else needs a
 * bearer token, and an account can reach only itself unless it is an admin.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Accounts of the shop")
@APIResponse(responseCode = "400", description = "Malformed request or invalid fields",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "validation", value = """
                        {"type":"urn:problem:user-service:validation","title":"Invalid request","status":400,
                         "detail":"The request has invalid fields","instance":"/users",
                         "errors":[{"field":"email","message":"must be a well-formed email address"}]}""")))
@APIResponse(responseCode = "503", description = "Overloaded or database unavailable; see Retry-After",
        headers = @Header(name = HttpHeaders.RETRY_AFTER, schema = @Schema(type = SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final String ID = "Account id";

    private final UserService users;
    private final SecurityIdentity identity;
    private final ClientAddress clients;
    private final HttpHeaders headers;

    UserResource(UserService users, SecurityIdentity identity, ClientAddress clients, HttpHeaders headers) {
        this.users = users;
        this.identity = identity;
        this.clients = clients;
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
    @APIResponse(responseCode = "409", description = "Email already registered, in any letter case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
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
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UserPageResponse list(
            @Parameter(description = "Page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20",
                    minimum = "1", maximum = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "The next cursor of the previous page") @QueryParam("after") String after,
            @Parameter(description = "Only the account with this email, ignoring case") @QueryParam("email") String email,
            @Parameter(description = "Only accounts whose name contains this, ignoring case") @QueryParam("name") String name) {
        ListParameters params = ListParameters.parse(limit, after, email, name);
        UserPage page = users.list(params.limit(), params.afterId(), params.email(), params.name());
        List<UserResponse> items = page.users().stream().map(UserResponse::of).toList();
        return new UserPageResponse(items, page.lastId() == null ? null : PageCursor.encode(page.lastId()));
    }

    @GET
    @Path("me")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Get the caller's account")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response getMe() {
        return getAccount(caller().userId());
    }

    @GET
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Get an account (itself or admin)")
    @APIResponse(responseCode = "200", description = "The account",
            headers = @Header(name = HttpHeaders.ETAG, description = "Version, for If-Match"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not the caller's (also for a non-numeric id)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("id") String id) {
        return getAccount(AccountIds.parse(id));
    }

    private Response getAccount(int id) {
        User user = users.get(caller(), id);
        return Response.ok(UserResponse.of(user)).tag(EntityTags.of(user)).build();
    }

    @PATCH
    @Path("me")
    @Authenticated
    @Consumes(MERGE_PATCH_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change the caller's name or email", description = "JSON merge patch (RFC 7396). A new email "
            + "needs currentPassword, and ends every token of the account, this one included: log in again with the "
            + "new email. The password changes with PUT /users/me/password; the role only by an admin.")
    @APIResponse(responseCode = "200", description = "The changed account", headers = @Header(name = HttpHeaders.ETAG),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A role or password change, or a wrong currentPassword",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Email already registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version the change is based on")
    public Response patchMe(@NotNull(message = "a JSON body is required") @Valid UserPatchRequest request,
            @Context HttpServerRequest http) {
        return patchAccount(caller().userId(), request, http);
    }

    @PATCH
    @Path("{id}")
    @Authenticated
    @Consumes(MERGE_PATCH_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change an account (itself or admin)", description = "JSON merge patch (RFC 7396) of name, "
            + "email, and, by an admin, role and another account's password. A new email for the caller's own "
            + "account needs currentPassword and ends its tokens. With If-Match, the change applies only if the "
            + "account still has that version.")
    @APIResponse(responseCode = "200", description = "The changed account",
            headers = @Header(name = HttpHeaders.ETAG, description = "New version"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A role change by a non-admin, or a password change that needs PUT /users/me/password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Email already registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/merge-patch+json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version the change is based on")
    public Response patch(@Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid UserPatchRequest request,
            @Context HttpServerRequest http) {
        return patchAccount(AccountIds.parse(id), request, http);
    }

    private Response patchAccount(int id, UserPatchRequest request, HttpServerRequest http) {
        User user = users.update(caller(), id, request.toChanges(), ifMatch(), clients.of(http));
        return Response.ok(UserResponse.of(user)).tag(EntityTags.of(user)).build();
    }

    @PUT
    @Path("me/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change the caller's password", description = "Needs the current password. Every token "
            + "issued before, this one included, stops working: log in again.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Wrong current password, or too many attempts",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response changePassword(@NotNull(message = "a JSON body is required") @Valid PasswordChangeRequest request,
            @Context HttpServerRequest http) {
        users.changeOwnPassword(caller(), request.currentPassword(), request.newPassword(), clients.of(http));
        return Response.noContent().build();
    }

    @DELETE
    @Path("me")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete the caller's account")
    @APIResponse(responseCode = "204", description = "Deleted; its tokens stop working")
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Other records still reference the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version to delete")
    public Response deleteMe() {
        return deleteAccount(caller().userId());
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete an account (itself or admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Other records still reference the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names an old version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, description = "ETag of the version to delete")
    public Response delete(@Parameter(description = ID, schema = @Schema(type = SchemaType.INTEGER, format = "int32")) @PathParam("id") String id) {
        return deleteAccount(AccountIds.parse(id));
    }

    private Response deleteAccount(int id) {
        users.delete(caller(), id, ifMatch());
        return Response.noContent().build();
    }

    /**
     * Every If-Match field line, empty ones included: @HeaderParam drops empty values, which would turn an empty
     * If-Match into an unconditional change.
     */
    private LongPredicate ifMatch() {
        return EntityTags.ifMatch(headers.getRequestHeader(HttpHeaders.IF_MATCH));
    }

    /** Set by the token check (auth.AccountCheck) on every authenticated request. */
    private Caller caller() {
        Caller caller = identity.getAttribute(Caller.IDENTITY_ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }
}
