package com.ecommerce.users.user.service;

/** The configured bootstrap admin (users.bootstrap-admin.email) keeps the admin role (HTTP 409). */
public class BootstrapAdminException extends RuntimeException {

    public BootstrapAdminException() {
        super("Bootstrap admin keeps its role", null, false, false);
    }
}
