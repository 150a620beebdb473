package com.ecommerce.users.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.ecommerce.users.account.Role;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserRepository;

/**
 * There is always an enabled admin: the last one is neither deleted, demoted nor disabled, by itself or anybody. Without one nobody
 * manages accounts, and the bootstrap address, whoever holds it by then, decides the next admin
 * ({@link BootstrapAdmin}).
 */
@ApplicationScoped
class LastAdminRule {

    /** pg_advisory_xact_lock key of whoever takes an admin away and counts the others first. ASCII "admins". */
    private static final long LOCK = 0x61646d696e73L;

    private final UserRepository users;

    LastAdminRule(UserRepository users) {
        this.users = users;
    }

    /**
     * Before {@code account}, locked in the caller's transaction, is deleted, loses the admin role or is disabled:
     * another enabled admin must remain. Every such change counts under one lock, so two admins removing each other at once count one after
     * the other, and the second finds itself the last (LastAdminTests); their row locks alone would let both count two.
     *
     * @throws LastAdminException if no other enabled account holds the admin role
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void check(User account) {
        if (account.role != Role.ADMIN) {
            return;
        }
        users.lockUntilCommit(LOCK);
        if (!users.adminExistsBesides(account.id)) {
            throw new LastAdminException();
        }
    }
}
