package com.ecommerce.users.account;

import java.util.UUID;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is asking: an authenticated account, whether it holds the admin role, and the session its token belongs to
 * (null for a token issued before sessions existed). {@link AccountCheck} makes one for every request with a valid
 * token; the use cases decide with it what the caller may do.
 */
public record Caller(int userId, boolean admin, UUID sessionId) {

    /** Where {@link AccountCheck} leaves the caller in the security identity. */
    public static final String IDENTITY_ATTRIBUTE = "com.ecommerce.users.caller";

    /** The caller of an authenticated request; without a token checked by {@link AccountCheck}, a 401. */
    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(IDENTITY_ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    /** The account itself or an admin; for anybody else the account does not exist. */
    public boolean canAccess(int id) {
        return admin || userId == id;
    }
}
