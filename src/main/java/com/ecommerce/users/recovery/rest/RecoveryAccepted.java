package com.ecommerce.users.recovery.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one answer to every accepted recovery request, whether or not an account has the address. */
@RegisterForReflection
@Schema(name = "PasswordRecoveryAccepted")
public record RecoveryAccepted(
        @Schema(examples = RecoveryAccepted.TEXT) String detail) {

    static final String TEXT = "If an account has this address, a link to reset its password is on its way";
    static final RecoveryAccepted INSTANCE = new RecoveryAccepted(TEXT);
}
