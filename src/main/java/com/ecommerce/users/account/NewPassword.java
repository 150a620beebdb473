package com.ecommerce.users.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.ecommerce.users.password.NotACommonPassword;

/**
 * A password being set (registration, change, reset, an admin's reset, the bootstrap admin): 8 to 1024 characters
 * (a long passphrase fits; the hash's cost does not grow with it), text that survives UTF-8 unchanged (no unpaired
 * surrogates), and not a common or breached password ({@link NotACommonPassword}, as NIST SP 800-63B asks). The one
 * place the rule is written; each part reports its own violation. {@code null} is valid: combine with
 * {@code @NotNull}. A login checks none of it: passwords set before a rule keep working.
 */
@Documented
@Constraint(validatedBy = {})
@Size(min = NewPassword.MIN_LENGTH, max = NewPassword.MAX_LENGTH)
@Pattern(regexp = "[^\\p{Cs}]*", message = "must be well-formed Unicode text")
@NotACommonPassword
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface NewPassword {

    int MIN_LENGTH = 8;
    int MAX_LENGTH = 1024;

    String message() default "must be a password of 8 to 1024 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
