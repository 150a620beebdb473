package com.ecommerce.users.password;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link NotACommonPassword} with the {@link PasswordScreen}. Quarkus builds its validators while the
 * application starts, before the configuration is read: the screen is reached through its client proxy, so it is
 * created at its first use.
 */
@Singleton
public class NotACommonPasswordValidator implements ConstraintValidator<NotACommonPassword, String> {

    private final PasswordScreen screen;

    NotACommonPasswordValidator(PasswordScreen screen) {
        this.screen = screen;
    }

    @Override
    public boolean isValid(String password, ConstraintValidatorContext context) {
        return password == null || !screen.refuses(password);
    }
}
