package com.ecommerce.users.user.service;

import com.ecommerce.users.user.Role;

/** A partial update: {@code null} leaves a field as it is. */
public record UserChanges(String name, String email, String password, Role role) {
}
