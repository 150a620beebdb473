package com.ecommerce.users.user;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.DuplicateEmailException;
import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserNotFoundException;
import com.ecommerce.users.account.UserPage;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.verification.EmailVerification;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Registration and reads of accounts, and who may read them: an account itself or an admin; anybody else is told the
 * account does not exist (changes: {@link UserUpdates}). Password hashing takes tens of milliseconds, so it runs before
 * a transaction opens: no database connection is held while a hash is computed.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository repository;
    private final PasswordHasher passwords;
    private final AuditLog audit;
    private final EmailVerification verification;

    UserService(UserRepository repository, PasswordHasher passwords, AuditLog audit, EmailVerification verification) {
        this.repository = repository;
        this.passwords = passwords;
        this.audit = audit;
        this.verification = verification;
    }

    /** Self-registration: always the user role, whatever the address (the first admin: {@link BootstrapAdmin}). */
    public User register(String name, String email, String password) {
        EmailAddress address = EmailAddress.parse(email);
        if (emailTaken(address.canonical())) {
            throw new DuplicateEmailException(); // spares the hash; the unique index still decides races
        }
        String hash = passwords.hash(password);
        User created = QuarkusTransaction.requiringNew().call(() -> {
            User user = new User();
            user.name = name;
            user.changeEmail(address);
            user.role = Role.USER;
            user.changePassword(hash);
            repository.insert(user);
            return user;
        });
        audit.record(AuditEvent.ACCOUNT_REGISTERED, created.id, null);
        verification.sendAfterCommit(created.id, created.email, null); // never fails the registration
        return created;
    }

    // Reads of the hot paths run outside a transaction: one statement in autocommit is one round trip, where a JTA
    // transaction adds a COMMIT. The request's session keeps its connection until the request ends, so no read that
    // precedes a password hash may do the same: emailTaken below holds a transaction, which returns the connection
    // at commit (else 50 simultaneous registrations exhausted the pool: ConcurrentRegistrationTests).
    public User get(Caller caller, int id) {
        if (!caller.canAccess(id)) {
            throw new UserNotFoundException();
        }
        return repository.findById(id).orElseThrow(UserNotFoundException::new);
    }

    /** The second factors the account has confirmed: ["totp"] or none. */
    public List<String> secondFactors(User user) {
        return user.secondFactorConfirmed ? List.of("totp") : List.of();
    }

    /** @param canonical an {@link EmailAddress#canonical} */
    @Transactional
    public boolean emailTaken(String canonical) {
        return repository.emailTaken(canonical);
    }

    /** A page of accounts in id order, outside a transaction as {@link #get}; see {@link UserRepository#page}. */
    public UserPage list(int limit, int afterId, String email, String nameContains) {
        return repository.page(limit, afterId, email, nameContains);
    }
}
