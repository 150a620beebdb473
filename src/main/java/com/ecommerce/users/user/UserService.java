package com.ecommerce.users.user;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.Credentials;
import com.ecommerce.users.account.DuplicateEmailException;
import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserNotFoundException;
import com.ecommerce.users.account.UserPage;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.credential.CredentialCheck;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.platform.problem.InvalidRequestException;
import com.ecommerce.users.verification.EmailVerification;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Account use cases and who may perform them: an account itself or an admin; anybody else is told the account does
 * not exist; and the last admin stays one ({@link LastAdminRule}). Password hashing takes tens of milliseconds, so it
 * runs before a transaction opens: no database connection is held while a hash is computed.
 */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    private final UserRepository repository;
    private final PasswordHasher passwords;
    private final CredentialCheck credentials;
    private final AuditLog audit;
    private final EmailVerification verification;
    private final LastAdminRule lastAdmin;

    UserService(UserRepository repository, PasswordHasher passwords, CredentialCheck credentials, AuditLog audit,
            EmailVerification verification, LastAdminRule lastAdmin) {
        this.repository = repository;
        this.passwords = passwords;
        this.credentials = credentials;
        this.audit = audit;
        this.verification = verification;
        this.lastAdmin = lastAdmin;
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

    /** @param canonical an {@link EmailAddress#canonical} */
    @Transactional
    public boolean emailTaken(String canonical) {
        return repository.emailTaken(canonical);
    }

    /**
     * Applies {@code changes} under a row lock, so concurrent updates queue up and each one's {@code ifMatch}
     * sees the version the previous one wrote. Only an admin sets roles, and sets other accounts' passwords; an
     * account changes its own password with {@link #changeOwnPassword}, which asks for the current one, and its own
     * email only with its current password too: a stolen token must not be enough to take the login over. A current
     * password that is sent is checked whatever the change (the caller's own, an admin's too): a wrong one is never
     * ignored, and counts as a guess. A new email revokes every token of the account, as a new password does. The
     * last admin keeps its role.
     *
     * @param ifMatch tests the current version; {@code null} updates unconditionally
     * @param client the caller's address, for throttling password guesses
     */
    public User update(Caller caller, int id, UserChanges changes, LongPredicate ifMatch, String client) {
        if (!caller.canAccess(id)) {
            throw new UserNotFoundException();
        }
        if (changes.role() != null && !caller.admin()) {
            throw new ForbiddenChangeException("Only an admin can change a role");
        }
        if (changes.password() != null && (!caller.admin() || caller.userId() == id)) {
            throw new ForbiddenChangeException("Change your own password with PUT /users/me/password");
        }
        Credentials verified = changes.currentPassword() != null || changes.email() != null && caller.userId() == id
                ? verifyOwnPassword(caller, changes.currentPassword(), client)
                : null;
        EmailAddress newEmail = changes.email() == null ? null : EmailAddress.parse(changes.email());
        String newHash = changes.password() == null ? null : passwords.hash(changes.password());
        List<Runnable> auditEvents = new ArrayList<>();
        boolean[] newAddress = { false };
        User updated = QuarkusTransaction.requiringNew().call(() -> {
            auditEvents.clear(); // a retried transaction starts again
            User user = lockForUpdate(id, ifMatch);
            if (verified != null && caller.userId() == id) {
                requireUnchangedPassword(user, verified);
            }
            if (changes.role() == Role.USER) {
                lastAdmin.check(user);
            }
            if (changes.name() != null) {
                user.name = changes.name();
            }
            if (newEmail != null && !newEmail.value().equals(user.email)) {
                newAddress[0] = user.changeEmail(newEmail); // another address, not another spelling: unverified
                user.revokeTokens();
                auditEvents.add(() -> audit.record(AuditEvent.EMAIL_CHANGED, id, caller.userId()));
            }
            if (changes.role() != null && changes.role() != user.role) {
                String detail = user.role.value() + "->" + changes.role().value();
                user.role = changes.role();
                auditEvents.add(() -> audit.record(AuditEvent.ROLE_CHANGED, id, caller.userId(), detail));
            }
            if (newHash != null) {
                user.changePassword(newHash);
                auditEvents.add(() -> audit.record(AuditEvent.PASSWORD_CHANGED, id, caller.userId(), "set by an admin"));
            }
            repository.update(user); // surfaces a duplicate email here
            return user;
        });
        LOG.debugf("Updated user id=%d to version %d", (Object) updated.id, (Object) updated.version);
        auditEvents.forEach(Runnable::run); // once committed: an event that rolled back did not happen
        if (newAddress[0]) {
            verification.sendAfterCommit(updated.id, updated.email, caller.userId());
        }
        return updated;
    }

    /**
     * Replaces the caller's password after checking the current one; wrong guesses count towards the same throttle
     * as logins. Every token issued before the change stops working.
     */
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword, String client) {
        Credentials verified = verifyOwnPassword(caller, currentPassword, client);
        String newHash = passwords.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            User user = lockForUpdate(caller.userId(), null);
            requireUnchangedPassword(user, verified);
            user.changePassword(newHash);
        });
        audit.record(AuditEvent.PASSWORD_CHANGED, caller.userId(), caller.userId());
    }

    public void delete(Caller caller, int id, LongPredicate ifMatch) {
        if (!caller.canAccess(id)) {
            throw new UserNotFoundException();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            User user = lockForUpdate(id, ifMatch);
            lastAdmin.check(user);
            repository.delete(user);
        });
        audit.record(AuditEvent.ACCOUNT_DELETED, id, caller.userId());
    }

    /** A page of accounts in id order, outside a transaction as {@link #get}; see {@link UserRepository#page}. */
    public UserPage list(int limit, int afterId, String email, String nameContains) {
        return repository.page(limit, afterId, email, nameContains);
    }

    private Credentials verifyOwnPassword(Caller caller, String currentPassword, String client) {
        if (currentPassword == null) {
            throw new InvalidRequestException("currentPassword", "is required to change your own email");
        }
        return credentials.verify(caller.userId(), currentPassword, client).orElseThrow(WrongPasswordException::new);
    }

    /** The password verified before the row was locked is still the account's: a change in between wins. */
    private static void requireUnchangedPassword(User user, Credentials verified) {
        if (!user.passwordChangedAt.equals(verified.passwordChangedAt())) {
            throw new WrongPasswordException();
        }
    }

    /** The locked row, if {@code ifMatch} accepts its version ({@code null} accepts any). */
    private User lockForUpdate(int id, LongPredicate ifMatch) {
        User user = repository.lockForUpdate(id).orElseThrow(UserNotFoundException::new);
        if (ifMatch != null && !ifMatch.test(user.version)) {
            throw new VersionMismatchException();
        }
        return user;
    }
}
