package com.ecommerce.users.login.rest;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.login.SessionNotFoundException;
import com.ecommerce.users.login.SessionService;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller's sessions (devices that stay logged in), under /users/me/sessions; see {@link SessionService}. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "Sessions", description = "The caller's logged-in devices")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class MySessionsResource {

    private final SessionService sessions;
    private final SecurityIdentity identity;

    MySessionsResource(SessionService sessions, SecurityIdentity identity) {
        this.sessions = sessions;
        this.identity = identity;
    }

    @GET
    @Path("me/sessions")
    @Operation(summary = "List the caller's live sessions", description = "Most recently used first.")
    @APIResponse(responseCode = "200", description = "The sessions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionResponse.Page.class)))
    public SessionResponse.Page list() {
        Caller caller = Caller.of(identity);
        return new SessionResponse.Page(sessions.list(caller).stream()
                .map(session -> SessionResponse.of(session, caller.sessionId()))
                .toList());
    }

    @DELETE
    @Path("me/sessions/{id}")
    @Operation(summary = "End one of the caller's sessions",
            description = "Its refresh token and its access tokens stop working at once, on every replica.")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "The caller has no such session")
    public Response end(@PathParam("id") String id) {
        sessions.end(Caller.of(identity), sessionId(id));
        return Response.noContent().build();
    }

    /** Anything but a UUID names no session: the same 404 as an ended one. */
    private static UUID sessionId(String id) {
        if (id.length() != 36) {
            throw new SessionNotFoundException();
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new SessionNotFoundException();
        }
    }
}
