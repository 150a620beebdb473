package com.ecommerce.users.user.service;

import java.util.List;
import java.util.function.LongPredicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.user.User;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Account use cases. Password hashing takes tens of milliseconds, so it runs before the transaction opens:
 * no database connection is held while a hash is computed.
 */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class);

    /** Unique index on lower(email) (V2); users_email_key is the seed's case-sensitive original. */
    private static final List<String> EMAIL_CONSTRAINTS = List.of("users_email_lower_key", "users_email_key");

    private final PasswordHasher passwords;

    UserService(PasswordHasher passwords) {
        this.passwords = passwords;
    }

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
                user.passwordHash = hash;
                user.persistAndFlush();
                return user;
            });
            LOG.debugf("Registered user id=%d", created.id);
            return created;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public User get(int id) {
        return User.<User> findByIdOptional(id).orElseThrow(UserNotFoundException::new);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean emailTaken(String email) {
        return User.emailTaken(email);
    }

    /**
     * Applies {@code changes} under a row lock, so concurrent updates queue up and each one's {@code ifMatch}
     * sees the version the previous one wrote.
     *
     * @param ifMatch tests the current version; {@code null} updates unconditionally
     */
    public User update(int id, UserChanges changes, LongPredicate ifMatch) {
        String newHash = changes.password() == null ? null : passwords.hash(changes.password());
        try {
            User updated = QuarkusTransaction.requiringNew().call(() -> {
                User user = lockForUpdate(id, ifMatch);
                if (changes.name() != null) {
                    user.name = changes.name();
                }
                if (changes.email() != null) {
                    user.email = changes.email();
                }
                if (newHash != null) {
                    user.passwordHash = newHash;
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

    public void delete(int id, LongPredicate ifMatch) {
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
    @Transactional(Transactional.TxType.SUPPORTS)
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
