package com.ecommerce.users.user;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserNotFoundException;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.throttle.LoginThrottle;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * An admin lifts the login throttle's locks of an account: an owner locked out by somebody else's guesses logs in at
 * once. The throttle counts per canonical address ({@link LoginThrottle}), the account's {@code emailCanonical}; its
 * counts from every client and the account-wide one go. Admins only (the resource's role check).
 */
@ApplicationScoped
public class LoginLocks {

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    LoginLocks(UserRepository users, LoginThrottle throttle, AuditLog audit) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** @throws UserNotFoundException for an unknown account, or a caller who is not an admin */
    public void lift(Caller caller, int id) {
        if (!caller.admin()) {
            throw new UserNotFoundException();
        }
        int lifted = QuarkusTransaction.requiringNew().call(() -> {
            User user = users.findById(id).orElseThrow(UserNotFoundException::new);
            return throttle.lift(user.emailCanonical);
        });
        audit.record(AuditEvent.LOGIN_LOCK_LIFTED, id, caller.userId(), lifted + " rows");
    }
}
