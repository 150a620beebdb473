package com.ecommerce.users.account;

/** An address that breaks one of {@link EmailAddress}'s rules; {@link #reason} says which, in words for a client. */
public class InvalidEmailAddressException extends RuntimeException {

    /** Which rule; {@link #detail} is what the problem answer says. */
    public enum Reason {
        MALFORMED("must be a well-formed email address"),
        INVISIBLE("must not contain control, invisible or bidirectional formatting characters, or inner spaces"),
        LOCAL_PART("must have a local part (before the @) of at most 64 ASCII characters: letters, digits and the "
                + "symbols of RFC 5322, dot-separated, unquoted"),
        DOMAIN("must have a valid domain name of at least two labels"),
        CONFUSABLE("must not have a domain label that mixes scripts or imitates a Latin one"),
        TOO_LONG("must be at most " + EmailAddress.MAX_LENGTH + " characters");

        private final String detail;

        Reason(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private final Reason reason;

    public InvalidEmailAddressException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
