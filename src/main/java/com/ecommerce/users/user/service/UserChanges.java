package com.ecommerce.users.user.service;

import com.ecommerce.users.user.Role;

/**
 * A partial update: {@code null} leaves a field as it is. {@code currentPassword} proves ownership for a change of
 * the caller's own email; it changes nothing itself.
 */
public record UserChanges(String name, String email, String password, Role role, String currentPassword) {
}
