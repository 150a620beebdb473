package com.ecommerce.users.user;

import com.ecommerce.users.account.Role;

/**
 * A partial update: {@code null} leaves a field as it is. {@code currentPassword} is the caller's password, required
 * for a change of its own email and checked whenever present; it changes nothing itself. {@code factor} is the
 * second factor's code, which a change of one's own email needs on an account with one.
 */
public record UserChanges(String name, String email, String password, Role role, String currentPassword,
        StepUpCode factor) {

    public UserChanges(String name, String email, String password, Role role, String currentPassword) {
        this(name, email, password, role, currentPassword, StepUpCode.NONE);
    }
}
