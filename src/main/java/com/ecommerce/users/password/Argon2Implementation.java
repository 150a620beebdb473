package com.ecommerce.users.password;

/**
 * One implementation of the Argon2 function. Every implementation gives the same bytes for the same input
 * (LibArgon2Tests, Argon2ImplementationsAgreePropertyTests), so which one runs is a matter of speed only.
 */
public interface Argon2Implementation {

    /** The name {@code users.password.implementation} selects it by, also the metric's tag. */
    String name();

    /**
     * The digest of {@code password} with the type, version, parameters and salt of {@code params}, as long as
     * {@code params.hash()}. Does not keep or change {@code password}.
     */
    byte[] compute(Argon2Hash params, byte[] password);
}
