package com.ecommerce.users.user.service;

import java.util.List;

import com.ecommerce.users.user.User;

/** One page of a keyset listing; {@code lastId} is where the next page starts, {@code null} on the last page. */
public record UserPage(List<User> users, Integer lastId) {
}
