package com.ecommerce.users.login.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The address a login names, in JSON ({@code email}) and in the password grant's form ({@code username}): required,
 * at most 255 characters, no control character (no address holds one, and PostgreSQL cannot even compare text holding
 * NUL). Looser than an address an account may register ({@code AccountEmail}): accounts adopted before those rules
 * keep logging in (account.EmailAddress#lookupKey). The one place the rule is written; each part reports its own
 * violation.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Size(max = 255)
@Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters")
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface LoginEmail {

    String message() default "must be the address of an account";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
