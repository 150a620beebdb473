package com.ecommerce.users.login;

import java.util.UUID;

/** A session just opened or refreshed: its id, its new refresh token and the seconds until the session expires. */
public record OpenedSession(UUID id, String refreshToken, long expiresIn) {

    @Override
    public String toString() {
        return "OpenedSession[id=" + id + "]"; // never the token
    }
}
