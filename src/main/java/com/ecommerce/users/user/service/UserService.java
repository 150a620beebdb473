package com.ecommerce.users.user.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import com.ecommerce.users.credential.CredentialCheck;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.problem.InvalidRequestException;
import com.ecommerce.users.user.Role;
import com.ecommerce.users.user.User;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Account use cases and who may perform them: an account itself or an admin; anybody else is told the account does
 * not exist. Password hashing takes tens of milliseconds, so it runs before a transaction opens: no database
 * connection is held while a hash is computed.
 */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    /** Unique index on lower(email) (V2); users_email_key is the seed's case-sensitive original. */
    private static final List<String> EMAIL_CONSTRAINTS = List.of("users_email_lower_key", "users_email_key");

    private final PasswordHasher passwords;
    private final CredentialCheck credentials;

    UserService(PasswordHasher passwords, CredentialCheck credentials) {
        this.passwords = passwords;
        this.credentials = credentials;
    }

    /** Self-registration: always the user role, whatever the address (the first admin: {@link BootstrapAdmin}). */
    public User register(String name, String email, String password) {
        if (emailTaken(email)) {
            throw new DuplicateEmailException(); // spares the hash; the unique index still decides races
        }
        String hash = passwords.hash(password);
        try {
            User created = QuarkusTransaction.requiringNew().call(() -> {
                User user = new User();
                user.name = name;
                user.email = email;
                user.role = Role.USER;
                user.changePassword(hash);
                user.persistAndFlush();
                return user;
            });
            LOG.debugf("Registered user id=%d", created.id);
            return created;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    // A read runs in a short transaction of its own, which returns its connection to the pool at commit. Outside
    // one, the request's session kept the connection until the request ended: a read before a password hash held
    // it through the hash, and 50 simultaneous registrations exhausted the pool (ConcurrentRegistrationTests).
    @Transactional
    public User get(Caller caller, int id) {
        if (!caller.canAccess(id)) {
            throw new UserNotFoundException();
        }
        return User.<User> findByIdOptional(id).orElseThrow(UserNotFoundException::new);
    }

    @Transactional
    public boolean emailTaken(String email) {
        return User.emailTaken(email);
    }

    /**
     * Applies {@code changes} under a row lock, so concurrent updates queue up and each one's {@code ifMatch}
     * sees the version the previous one wrote. Only an admin sets roles, and sets other accounts' passwords; an
     * account changes its own password with {@link #changeOwnPassword}, which asks for the current one, and its own
     * email only with its current password too: a stolen token must not be enough to take the login over. A new
     * email revokes every token of the account, as a new password does.
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
        Credentials verified = changes.email() != null && caller.userId() == id
                ? verifyOwnPassword(caller, changes.currentPassword(), client)
                : null;
        String newHash = changes.password() == null ? null : passwords.hash(changes.password());
        try {
            User updated = QuarkusTransaction.requiringNew().call(() -> {
                User user = lockForUpdate(id, ifMatch);
                if (verified != null) {
                    requireUnchangedPassword(user, verified);
                }
                if (changes.name() != null) {
                    user.name = changes.name();
                }
                if (changes.email() != null && !changes.email().equals(user.email)) {
                    user.email = changes.email();
                    user.revokeTokens();
                }
                if (changes.role() != null) {
                    user.role = changes.role();
                }
                if (newHash != null) {
                    user.changePassword(newHash);
                }
                user.flush(); // surfaces a duplicate email here, and bumps version and updatedAt
                return user;
            });
            LOG.debugf("Updated user id=%d to version %d", (Object) updated.id, (Object) updated.version);
            return updated;
        } catch (RuntimeException e) {
            throw translate(e);
        }
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
        LOG.debugf("User id=%d changed their password", caller.userId());
    }

    public void delete(Caller caller, int id, LongPredicate ifMatch) {
        if (!caller.canAccess(id)) {
            throw new UserNotFoundException();
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                User user = lockForUpdate(id, ifMatch);
                user.delete();
                user.flush();
            });
            LOG.debugf("Deleted user id=%d", id);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Accounts in id order after {@code afterId}, optionally only those whose email equals {@code email} and whose
     * name contains {@code nameContains}, both ignoring case. Keyset pagination: every page costs the same.
     */
    @Transactional
    public UserPage list(int limit, int afterId, String email, String nameContains) {
        StringBuilder query = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", afterId);
        if (email != null) {
            query.append(" and lower(email) = lower(:email)");
            params.and("email", email);
        }
        if (nameContains != null) {
            query.append(" and lower(name) like lower(:name) escape '!'");
            params.and("name", "%" + escapeLike(nameContains) + "%");
        }
        // range is inclusive: limit + 1 rows tell whether another page follows
        List<User> rows = User.<User> find(query.toString(), Sort.by("id"), params).range(0, limit).list();
        if (rows.size() <= limit) {
            return new UserPage(rows, null);
        }
        List<User> page = rows.subList(0, limit);
        return new UserPage(page, page.getLast().id);
    }

    /** For token verification, on every authenticated request: one indexed lookup of two columns. */
    @ActivateRequestContext
    @Transactional
    public Optional<AccountStatus> accountStatus(int id) {
        return User.find("select role, passwordChangedAt from User where id = ?1", id)
                .project(AccountStatus.class)
                .firstResultOptional();
    }

    /**
     * Runs {@code grant} (issuing a token) only if the password {@code verified} is still the account's, and while
     * holding its row: a password change racing with the login waits for it, so the cut-off the change then sets is
     * later than anything {@code grant} dated, and revokes it. With {@code upgradedHash}, a stronger hash of the same
     * password replaces the verified one first, unless another login or a change replaced it already. Empty when the
     * password changed since it was verified.
     */
    public <T> Optional<T> ifPasswordUnchanged(Credentials verified, String upgradedHash, Supplier<T> grant) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (upgradedHash != null) {
                upgradeHash(verified.id(), verified.passwordHash(), upgradedHash);
            }
            return passwordUnchangedSince(verified.id(), verified.passwordChangedAt())
                    ? Optional.of(grant.get())
                    : Optional.<T> empty();
        });
    }

    /**
     * Stores a stronger hash of the same password, unless the hash changed since it was read: a password change that
     * raced with the login wins. Neither the version nor the token cut-off moves: nothing visible changed. Joins the
     * transaction of {@link #ifPasswordUnchanged}, whose row lock the update takes.
     */
    public boolean upgradeHash(int id, String oldHash, String newHash) {
        int updated = QuarkusTransaction.joiningExisting().call(() -> User.update(
                "passwordHash = ?1 where id = ?2 and passwordHash = ?3", newHash, id, oldHash));
        if (updated == 1) {
            LOG.debugf("Upgraded the password hash of user id=%d", id);
        }
        return updated == 1;
    }

    /**
     * Every password change moves password_changed_at (see User.changePassword), an upgrade of the hash never does.
     * FOR SHARE waits for a change in progress (FOR UPDATE) and holds the next one back until commit; it follows an
     * upgrade's own row lock, never precedes it, so two logins cannot deadlock.
     */
    private static boolean passwordUnchangedSince(int id, Instant changedAt) {
        return !User.getEntityManager()
                .createNativeQuery("SELECT 1 FROM users WHERE id = ?1 AND password_changed_at = ?2 FOR SHARE")
                .setParameter(1, id)
                .setParameter(2, changedAt)
                .getResultList()
                .isEmpty();
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

    private static User lockForUpdate(int id, LongPredicate ifMatch) {
        User user = User.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw new UserNotFoundException();
        }
        if (ifMatch != null && !ifMatch.test(user.version)) {
            throw new VersionMismatchException();
        }
        return user;
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Maps constraint violations the database reported to what they mean for an account. */
    private static RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation) {
                if (violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE
                        && EMAIL_CONSTRAINTS.contains(violation.getConstraintName())) {
                    return new DuplicateEmailException();
                }
                if (violation.getKind() == ConstraintViolationException.ConstraintKind.FOREIGN_KEY) {
                    return new UserInUseException();
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }
}
