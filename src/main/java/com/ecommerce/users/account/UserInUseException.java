package com.ecommerce.users.account;

/**
 * Rows of other tables still reference the account (in an adopted seed database, the orders and carts of the
 * FastAPI app), so deleting it would break them (HTTP 409).
 */
public class UserInUseException extends RuntimeException {

    public UserInUseException() {
        super("User still referenced", null, false, false);
    }
}
