package com.ecommerce.users.user;

/**
 * The account is the only admin: deleting it or taking its role would leave nobody to manage accounts, and the
 * bootstrap address, whoever registered it meanwhile, would decide the next one (HTTP 409).
 */
public class LastAdminException extends RuntimeException {

    public LastAdminException() {
        super("Last admin", null, false, false);
    }
}
