package com.ecommerce.users.account;

import java.util.List;

/** One page of a keyset listing; {@code lastId} is where the next page starts, {@code null} on the last page. */
public record UserPage(List<User> users, Integer lastId) {
}
