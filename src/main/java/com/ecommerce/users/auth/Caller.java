package com.ecommerce.users.auth;

/**
 * Who is asking: an authenticated account, and whether it holds the admin role. {@link AccountCheck} makes one for
 * every request with a valid token; the use cases decide with it what the caller may do.
 */
public record Caller(int userId, boolean admin) {

    /** Where {@link AccountCheck} leaves the caller in the security identity. */
    public static final String IDENTITY_ATTRIBUTE = "com.ecommerce.users.caller";

    /** The account itself or an admin; for anybody else the account does not exist. */
    public boolean canAccess(int id) {
        return admin || userId == id;
    }
}
