package com.ecommerce.users.user.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.ecommerce.users.account.AccountEmail;
import com.ecommerce.users.account.NewPassword;
import com.ecommerce.users.account.PersonName;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.user.StepUpCode;
import com.ecommerce.users.user.UserChanges;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON merge patch (RFC 7396) of an account: an absent property stays as it is. None of them can be removed,
 * so an explicit {@code null} is rejected rather than ignored. A class with setters, not a record: Jackson calls
 * a setter only for a property that is present, where it would pass {@code null} to a record for an absent one.
 */
@RegisterForReflection
@Schema(name = "UserPatch")
public class UserPatchRequest {

    @PersonName
    @Schema(examples = "Ada King")
    String name;

    @Size(max = 255)
    @AccountEmail
    @Schema(examples = "ada.king@example.com", maxLength = 255)
    String email;

    @NewPassword
    @Schema(minLength = 8, maxLength = 1024, writeOnly = true)
    String password;

    @Size(max = 1024)
    @Schema(description = "Your current password: required to change your own email, checked whenever sent",
            maxLength = 1024, writeOnly = true)
    String currentPassword;

    @Size(max = 16)
    @Schema(description = "The second factor's code: required to change your own email on an account with one",
            maxLength = 16, writeOnly = true)
    String code;

    @Size(max = 64)
    @Schema(description = "A recovery code, instead of code", maxLength = 64, writeOnly = true)
    String recoveryCode;

    @Pattern(regexp = "user|admin", message = "must be user or admin")
    @Schema(description = "Only an admin may set it", enumeration = { "user", "admin" })
    String role;

    @Schema(description = "Only an admin may set it: true disables the account (no login, no refresh, every token "
            + "and session ends), false enables it again")
    Boolean disabled;

    @JsonSetter(nulls = Nulls.FAIL)
    public void setName(String name) {
        this.name = name.strip();
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setEmail(String email) {
        this.email = email.strip();
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setCode(String code) {
        this.code = code;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setRecoveryCode(String recoveryCode) {
        this.recoveryCode = recoveryCode;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setRole(String role) {
        this.role = role;
    }

    @JsonSetter(nulls = Nulls.FAIL)
    public void setDisabled(Boolean disabled) {
        this.disabled = disabled;
    }

    UserChanges toChanges() {
        return new UserChanges(name, email, password, role == null ? null : Role.fromValue(role),
                currentPassword, disabled, new StepUpCode(code, recoveryCode));
    }
}
