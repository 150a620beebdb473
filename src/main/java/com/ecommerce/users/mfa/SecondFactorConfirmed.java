package com.ecommerce.users.mfa;

import java.util.UUID;

/**
 * Fired in the transaction that confirms an account's second factor: its sessions other than {@code keepSessionId}
 * (the confirming one; null keeps none) must end, since they were opened with the password alone. The sessions'
 * owner observes it; this package does not know sessions.
 */
public record SecondFactorConfirmed(int userId, UUID keepSessionId) {
}
