package com.ecommerce.users.verification;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.account.UserRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * {@code users.registration.require-verified-email}: with it, an account whose address is not verified cannot log in.
 * Checked only once the password was found right, so the answer tells a guesser nothing it did not know.
 */
@ApplicationScoped
public class VerifiedEmailRequirement {

    private final boolean required;
    private final UserRepository users;

    VerifiedEmailRequirement(RegistrationConfig config, UserRepository users) {
        this.required = config.requireVerifiedEmail();
        this.users = users;
    }

    /** @throws EmailNotVerifiedException when verification is required and account {@code id} has none */
    public void check(int id) {
        if (!required) {
            return;
        }
        boolean verified = QuarkusTransaction.requiringNew().call(
                () -> users.findById(id).map(user -> user.emailVerifiedAt != null).orElse(false));
        if (!verified) {
            throw new EmailNotVerifiedException();
        }
    }
}
