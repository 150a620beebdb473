package com.ecommerce.users.token;

/** A valid, unused token's row: the account it belongs to and the address it was mailed to. */
public record AccountToken(int userId, TokenPurpose purpose, String email) {

    @Override
    public String toString() {
        return "AccountToken[userId=" + userId + ", purpose=" + purpose + "]";
    }
}
