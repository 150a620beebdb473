package com.ecommerce.users.introspection;

/** No client credentials, or wrong ones, at the introspection endpoint. */
public class ClientAuthenticationException extends RuntimeException {

    public ClientAuthenticationException() {
        super("client authentication failed", null, false, false);
    }
}
