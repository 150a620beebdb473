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
 * A display name: 1 to 50 characters (code points, as PostgreSQL's varchar(50) counts them), without control
 * characters, line separators or unpaired surrogates. {@code null} is valid: combine with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = PersonName.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PersonName {

    int MAX_LENGTH = 50;

    String message() default "must be 1 to 50 characters without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PersonName, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int count = 0;
            for (int i = 0; i < value.length();) {
                int cp = value.codePointAt(i);
                int type = Character.getType(cp);
                if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR) {
                    return false;
                }
                count++;
                i += Character.charCount(cp);
            }
            return count >= 1 && count <= MAX_LENGTH;
        }
    }
}
