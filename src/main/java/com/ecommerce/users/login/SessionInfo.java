package com.ecommerce.users.login;

import java.time.Instant;
import java.util.UUID;

/** A live session as its owner sees it (GET /users/me/sessions). */
public record SessionInfo(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent,
        String client) {
}
