package com.ecommerce.users.login.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The password a login presents, in JSON and in the password grant's form: required, at most 1024 characters (the
 * longest a password may be set to; {@code NewPassword}). No other rule: a wrong one is answered as wrong.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Size(max = 1024)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface LoginPassword {

    String message() default "must be the password of an account";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
