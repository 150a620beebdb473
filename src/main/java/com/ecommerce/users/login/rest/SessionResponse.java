package com.ecommerce.users.login.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.login.SessionInfo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A live session as its owner sees it; {@code current} marks the one the request's token belongs to. */
@RegisterForReflection
@Schema(name = "Session")
public record SessionResponse(
        UUID id,
        @Schema(description = "When the login opened it") Instant createdAt,
        @Schema(description = "When it was last refreshed (or opened)") Instant lastUsedAt,
        @Schema(description = "When it ends unless refreshed before") Instant expiresAt,
        @Schema(description = "The User-Agent of the login, as sent", nullable = true) String userAgent,
        @Schema(description = "The client address of the last use (IPv6 by /64)", nullable = true) String client,
        boolean current) {

    static SessionResponse of(SessionInfo session, UUID currentSession) {
        return new SessionResponse(session.id(), session.createdAt(), session.lastUsedAt(), session.expiresAt(),
                session.userAgent(), session.client(), session.id().equals(currentSession));
    }

    @RegisterForReflection
    @Schema(name = "SessionList")
    public record Page(List<SessionResponse> items) {
    }
}
