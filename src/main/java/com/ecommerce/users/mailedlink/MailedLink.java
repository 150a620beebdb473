package com.ecommerce.users.mailedlink;

/** A valid, unused token's row: the account it belongs to and the address it was mailed to. */
public record MailedLink(int userId, LinkPurpose purpose, String email) {

    @Override
    public String toString() {
        return "MailedLink[userId=" + userId + ", purpose=" + purpose + "]";
    }
}
