package com.ecommerce.users.user.rest;

/** Input rules shared by the request bodies and query parameters of the user API. */
final class UserRules {

    /** Text that survives UTF-8 encoding unchanged: no unpaired surrogates. */
    static final String WELL_FORMED = "[^\\p{Cs}]*";
    static final String TEXT_MESSAGE = "must be well-formed Unicode text";

    private UserRules() {
    }
}
