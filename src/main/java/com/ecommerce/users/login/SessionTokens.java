package com.ecommerce.users.login;

import com.ecommerce.users.jwt.AccessToken;

/** What a login and a refresh hand out: an access token and the session, with its next refresh token. */
public record SessionTokens(AccessToken accessToken, OpenedSession session) {
}
