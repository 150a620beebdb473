package com.ecommerce.users.user;

import com.ecommerce.users.account.Role;

/**
 * A partial update: {@code null} leaves a field as it is. {@code currentPassword} is the caller's password, required
 * for a change of its own email and checked whenever present; it changes nothing itself. {@code disabled}: an admin
 * disables or enables the account. {@code factor} is the second factor's code, which a change of one's own email needs
 * on an account with one.
 */
public record UserChanges(String name, String email, String password, Role role, String currentPassword,
        Boolean disabled, StepUpCode factor) {
}
