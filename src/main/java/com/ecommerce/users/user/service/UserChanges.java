package com.ecommerce.users.user.service;

/** A partial update: {@code null} leaves a field as it is. */
public record UserChanges(String name, String email, String password) {
}
