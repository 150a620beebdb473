package com.ecommerce.users.account;

/** The row of account {@code id} is being updated or deleted in the current transaction (if any). */
public record AccountRowChanged(int id) {
}
