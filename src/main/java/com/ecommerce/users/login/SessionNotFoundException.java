package com.ecommerce.users.login;

/** No session of the caller's has this id (it ended, or it is somebody else's). */
public class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException() {
        super("no such session", null, false, false);
    }
}
