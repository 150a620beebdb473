package com.ecommerce.users.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An email address an account can have: {@link EmailAddress}'s rules, the one place they are written. The violation
 * says which rule the address breaks. {@code null} is valid: combine with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = AccountEmail.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface AccountEmail {

    String message() default "must be a well-formed email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AccountEmail, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                EmailAddress.parse(value);
                return true;
            } catch (InvalidEmailAddressException e) {
                context.disableDefaultConstraintViolation();
                // a fixed text per rule (none holds a template's { or $), never the input
                context.buildConstraintViolationWithTemplate(e.reason().detail()).addConstraintViolation();
                return false;
            }
        }
    }
}
