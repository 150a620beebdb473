package com.ecommerce.users.user.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.account.User;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An account as the API shows it: never its password hash. */
@RegisterForReflection
@Schema(name = "User")
public record UserResponse(
        @Schema(examples = "42") int id,
        @Schema(examples = "Ada Lovelace") String name,
        @Schema(examples = "ada@example.com") String email,
        @Schema(enumeration = { "user", "admin" }) String role,
        @Schema(description = "Whether the account confirmed its email address (POST /auth/verify-email)")
        boolean emailVerified,
        @Schema(description = "Whether an admin disabled the account: it cannot log in, refresh or use its tokens")
        boolean disabled,
        @Schema(description = "When it was disabled; null while enabled", examples = "2026-11-25T10:15:30.123456Z")
        Instant disabledAt,
        @Schema(examples = "2026-11-25T10:15:30.123456Z") Instant createdAt,
        @Schema(examples = "2026-11-25T10:15:30.123456Z") Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The second factors the account has confirmed (GET /users/me only)", examples = "[\"totp\"]")
        List<String> mfa) {

    static UserResponse of(User user) {
        return new UserResponse(user.id, user.name, user.email, user.role.value(),
                user.emailVerifiedAt != null, user.disabledAt != null, user.disabledAt, user.createdAt, user.updatedAt, null);
    }

    /** A 200 with the caller's own account and its second factors. */
    static Response ok(User user, List<String> mfa) {
        return Response.ok(new UserResponse(user.id, user.name, user.email, user.role.value(),
                user.emailVerifiedAt != null, user.disabledAt != null, user.disabledAt, user.createdAt, user.updatedAt, mfa))
                .tag(EntityTags.of(user)).build();
    }

    /** A 200 with the account, and its version as the ETag. */
    static Response ok(User user) {
        return Response.ok(of(user)).tag(EntityTags.of(user)).build();
    }
}
