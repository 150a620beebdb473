package com.ecommerce.users.introspection;

import java.util.Set;
import java.util.UUID;

import com.ecommerce.users.account.Role;

/**
 * What an introspection tells of an access token that is active: its claims, and the account's current role (not
 * the token's: a demotion counts at once, as it does for the token's own requests).
 */
public record ActiveToken(String subject, String username, long expiresAt, long issuedAt, String issuer,
        Set<String> audience, UUID sessionId, String tokenId, Role role) {
}
