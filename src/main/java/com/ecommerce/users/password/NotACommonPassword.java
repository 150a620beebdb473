package com.ecommerce.users.password;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A password that is neither on the list of common passwords ({@link CommonPasswords}) nor, where one is configured,
 * known to the breached-password API ({@link BreachedPasswords}). Part of {@code account.NewPassword}, the rule of
 * every new password; not for a login, where adopted passwords keep working. {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = NotACommonPasswordValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface NotACommonPassword {

    /** The reason a client sees in the problem's {@code errors} (docs/api.md). */
    String MESSAGE = "appears in a list of common or breached passwords";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
