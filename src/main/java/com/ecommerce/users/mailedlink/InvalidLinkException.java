package com.ecommerce.users.mailedlink;

/** A mailed token that cannot be used (400): why, so that the shop can tell its user what to do. */
public class InvalidLinkException extends RuntimeException {

    public enum Reason {
        /** No such token for this purpose, or one whose address is no longer the account's. */
        UNKNOWN,
        USED,
        EXPIRED
    }

    private final Reason reason;

    public InvalidLinkException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
