package com.ecommerce.users.account;

import static com.ecommerce.users.platform.database.SqlValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Every query and write of the {@code users} table, through the entity's Panache methods. The use cases own the
 * transactions; each method here joins the caller's. Writes flush at once, so that a constraint the database
 * enforces surfaces here, translated to what it means for an account.
 */
@ApplicationScoped
public class UserRepository {

    /** Unique index on the canonical address (V8); users_email_key is the seed's case-sensitive original. */
    private static final List<String> EMAIL_CONSTRAINTS = List.of("users_email_canonical_key", "users_email_key");
    private static final String CREDENTIALS = "select id, emailCanonical, role, passwordHash, passwordChangedAt, disabledAt from User ";

    public Optional<User> findById(int id) {
        return User.findByIdOptional(id);
    }

    /** @param canonical an {@link EmailAddress#canonical} (or {@link EmailAddress#lookupKey}) */
    public Optional<User> findByEmail(String canonical) {
        return User.<User> find("emailCanonical = ?1", canonical).firstResultOptional();
    }

    /** @param canonical an {@link EmailAddress#canonical} */
    public boolean emailTaken(String canonical) {
        return User.count("emailCanonical = ?1", canonical) > 0;
    }

    public boolean adminExists() {
        return User.count("role = ?1", Role.ADMIN) > 0;
    }

    /**
     * Whether an enabled account other than {@code id} holds the admin role, as of this statement's start (read
     * committed): a disabled admin manages nothing.
     */
    public boolean adminExistsBesides(int id) {
        return User.count("role = ?1 and id <> ?2 and disabledAt is null", Role.ADMIN, id) > 0;
    }

    /** Waits for, then holds until commit, the PostgreSQL advisory lock {@code key}: one holder at a time. */
    public void lockUntilCommit(long key) {
        User.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, key)
                .getSingleResult();
    }

    /** The row, locked until commit: concurrent changes of one account queue up behind each other. */
    public Optional<User> lockForUpdate(int id) {
        return Optional.ofNullable(User.findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** @throws DuplicateEmailException if another account has the email, in any letter case */
    public void insert(User user) {
        try {
            user.persistAndFlush();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Writes the changes of {@code user} now, which bumps its version and updatedAt. */
    public void update(User user) {
        try {
            user.flush();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** @throws UserInUseException if rows of other tables still reference the account */
    public void delete(User user) {
        try {
            user.delete();
            user.flush();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Accounts in id order after {@code afterId}, optionally only the one whose canonical address is
     * {@code emailCanonical} and those whose name contains {@code nameContains}, ignoring case. Keyset pagination:
     * every page costs the same.
     */
    public UserPage page(int limit, int afterId, String emailCanonical, String nameContains) {
        StringBuilder query = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", afterId);
        if (emailCanonical != null) {
            query.append(" and emailCanonical = :email");
            params.and("email", emailCanonical);
        }
        if (nameContains != null) {
            // the expression of the trigram index users_name_trgm (V6): change both or neither (NameFilterTests)
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

    /**
     * For token verification (accountcache.AccountStatuses): empty for an account that does not exist or is
     * disabled, whose tokens are refused alike. One round trip, an indexed lookup of two columns and,
     * for a token of a session, of the session's expiry. Outside a transaction: a read-only statement in autocommit
     * needs no BEGIN and COMMIT around it.
     */
    public Optional<AccountStatus> accountStatus(int id, UUID sessionId) {
        var query = sessionId == null
                ? User.getEntityManager().createNativeQuery(
                        "SELECT u.role, u.password_changed_at, NULL::timestamptz FROM users u "
                                + "WHERE u.id = ?1 AND u.disabled_at IS NULL")
                : User.getEntityManager().createNativeQuery("""
                        SELECT u.role, u.password_changed_at,
                               (SELECT s.expires_at FROM refresh_sessions s WHERE s.id = ?2 AND s.user_id = u.id)
                        FROM users u WHERE u.id = ?1 AND u.disabled_at IS NULL""").setParameter(2, sessionId);
        List<?> rows = query.setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(Object[].class::cast).map(row -> new AccountStatus(
                Role.fromValue((String) row[0]), instant(row[1]), row[2] == null ? null : instant(row[2])));
    }

    /** @param canonical an {@link EmailAddress#lookupKey} */
    public Optional<Credentials> credentialsByEmail(String canonical) {
        return User.find(CREDENTIALS + "where emailCanonical = ?1", canonical)
                .project(Credentials.class)
                .firstResultOptional();
    }

    public Optional<Credentials> credentialsById(int id) {
        return User.find(CREDENTIALS + "where id = ?1", id)
                .project(Credentials.class)
                .firstResultOptional();
    }

    /**
     * Stores a stronger hash of the same password, unless the hash changed since it was read: a password change that
     * raced with the login wins. Neither the version nor the token cut-off moves: nothing visible changed. The update
     * takes the row lock; it joins the login's transaction (or opens one of its own).
     */
    @Transactional
    public boolean upgradeHash(int id, String oldHash, String newHash) {
        return User.update("passwordHash = ?1 where id = ?2 and passwordHash = ?3", newHash, id, oldHash) == 1;
    }

    /**
     * Every password change moves password_changed_at (see User.changePassword), an upgrade of the hash never does.
     * FOR SHARE waits for a change in progress (FOR UPDATE) and holds the next one back until commit; it follows an
     * upgrade's own row lock, never precedes it, so two logins cannot deadlock.
     */
    public boolean passwordUnchangedSince(int id, Instant changedAt) {
        return !User.getEntityManager()
                .createNativeQuery("SELECT 1 FROM users WHERE id = ?1 AND password_changed_at = ?2 FOR SHARE")
                .setParameter(1, id)
                .setParameter(2, changedAt)
                .getResultList()
                .isEmpty();
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
