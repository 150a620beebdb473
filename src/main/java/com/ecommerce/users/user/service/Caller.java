package com.ecommerce.users.user.service;

/** Who is asking: an authenticated account, and whether it holds the admin role. */
public record Caller(int userId, boolean admin) {

    /** Where the authentication layer leaves the caller in the security identity. */
    public static final String IDENTITY_ATTRIBUTE = "com.ecommerce.users.caller";

    /** The account itself or an admin; for anybody else the account does not exist. */
    public boolean canAccess(int id) {
        return admin || userId == id;
    }
}
