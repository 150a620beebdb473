package com.ecommerce.users.platform.problem;

/** A request parameter the resource rejected by hand (a malformed query parameter, cursor or header): 400. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
