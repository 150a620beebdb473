package com.ecommerce.users.login;

import static com.ecommerce.users.platform.database.SqlValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.ecommerce.users.accountcache.AccountChanges;

/**
 * The SQL of sessions and refresh tokens (tables refresh_sessions and refresh_tokens, migration V5). Plain SQL rather
 * than entities: every statement is one targeted read or write, several need row locks or joins with users, and a
 * token's primary key is its digest. Every method joins the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class SessionRepository {

    private final EntityManager em;
    private final AccountChanges changes;

    SessionRepository(EntityManager em, AccountChanges changes) {
        this.em = em;
        this.changes = changes;
    }

    /** A session row, locked, with whether the account's cut-off (password_changed_at) still lets it live. */
    public record LockedSession(int userId, String emailCanonical, String role, Instant passwordChangedAt, Instant createdAt,
            Instant expiresAt, boolean revokedByCutOff, boolean accountDisabled, List<String> amr) {
    }

    public void insertSession(UUID id, int userId, Instant authenticatedAt, Instant now, Instant expiresAt,
            String userAgent, String client, List<String> amr) {
        em.createNativeQuery("""
                INSERT INTO refresh_sessions (id, user_id, authenticated_at, created_at, last_used_at, expires_at,
                    user_agent, client, amr) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, string_to_array(?8, ','))""")
                .setParameter(1, id).setParameter(2, userId).setParameter(3, authenticatedAt).setParameter(4, now)
                .setParameter(5, expiresAt).setParameter(6, userAgent).setParameter(7, client)
                .setParameter(8, String.join(",", amr))
                .executeUpdate();
    }

    public void insertToken(byte[] digest, UUID sessionId, Instant now) {
        em.createNativeQuery("INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, digest).setParameter(2, sessionId).setParameter(3, now)
                .executeUpdate();
    }

    /** Ends the account's least recently used sessions beyond the {@code keep} most recent ones. */
    public int trimSessions(int userId, int keep) {
        changes.changing(userId);
        return em.createNativeQuery("""
                DELETE FROM refresh_sessions WHERE id IN (SELECT id FROM refresh_sessions WHERE user_id = ?1
                    ORDER BY last_used_at DESC OFFSET ?2)""")
                .setParameter(1, userId).setParameter(2, keep)
                .executeUpdate();
    }

    /** Deletes a session's rotated tokens beyond the {@code keep} most recently issued ones. */
    public int trimRotatedTokens(UUID sessionId, int keep) {
        return em.createNativeQuery("""
                DELETE FROM refresh_tokens WHERE token_hash IN (SELECT token_hash FROM refresh_tokens
                    WHERE session_id = ?1 AND rotated_at IS NOT NULL ORDER BY issued_at DESC OFFSET ?2)""")
                .setParameter(1, sessionId).setParameter(2, keep)
                .executeUpdate();
    }

    /**
     * The session of a token, when it was rotated (null: it is the session's current one) and its successor, sealed
     * for the grace window (null: none); no lock: a rotation reads it again once it holds the session's lock.
     */
    public Optional<TokenUse> findToken(byte[] digest) {
        List<?> rows = em.createNativeQuery(
                "SELECT session_id, rotated_at, successor_sealed FROM refresh_tokens WHERE token_hash = ?1")
                .setParameter(1, digest)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.getFirst();
        return Optional.of(new TokenUse((UUID) row[0], row[1] == null ? null : instant(row[1]), (byte[]) row[2]));
    }

    public record TokenUse(UUID sessionId, Instant rotatedAt, byte[] successorSealed) {

        public boolean rotated() {
            return rotatedAt != null;
        }
    }

    public Optional<LockedSession> lockSession(UUID id) {
        List<?> rows = em.createNativeQuery("""
                SELECT s.user_id, u.email_canonical, u.role, u.password_changed_at, s.created_at, s.expires_at,
                       s.authenticated_at < u.password_changed_at, u.disabled_at IS NOT NULL,
                       array_to_string(s.amr, ',')
                FROM refresh_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?1 FOR UPDATE OF s""")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.getFirst();
        return Optional.of(new LockedSession(((Number) row[0]).intValue(), (String) row[1], (String) row[2],
                instant(row[3]), instant(row[4]), instant(row[5]), (Boolean) row[6], (Boolean) row[7],
                List.of(((String) row[8]).split(","))));
    }

    /**
     * Marks a token used, keeping its successor sealed for the grace window ({@code null}: none); false if it was
     * used already. The session's earlier tokens lose theirs: only the token just rotated can be retried.
     */
    public boolean markRotated(UUID sessionId, byte[] digest, Instant now, byte[] successorSealed) {
        em.createNativeQuery("""
                UPDATE refresh_tokens SET successor_sealed = NULL
                WHERE session_id = ?1 AND successor_sealed IS NOT NULL AND token_hash <> ?2""")
                .setParameter(1, sessionId).setParameter(2, digest)
                .executeUpdate();
        return em.createNativeQuery("""
                UPDATE refresh_tokens SET rotated_at = ?2, successor_sealed = ?3
                WHERE token_hash = ?1 AND rotated_at IS NULL""")
                .setParameter(1, digest).setParameter(2, now).setParameter(3, successorSealed)
                .executeUpdate() > 0;
    }

    public void touch(UUID id, Instant now, Instant expiresAt, String client) {
        em.createNativeQuery("UPDATE refresh_sessions SET last_used_at = ?2, expires_at = ?3, client = ?4 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, now).setParameter(3, expiresAt).setParameter(4, client)
                .executeUpdate();
    }

    /** Deletes a session with its tokens; the account it belonged to, if it existed. */
    public Optional<Integer> delete(UUID id) {
        List<?> rows = em.createNativeQuery("DELETE FROM refresh_sessions WHERE id = ?1 RETURNING user_id")
                .setParameter(1, id)
                .getResultList();
        Optional<Integer> owner = rows.stream().findFirst().map(userId -> ((Number) userId).intValue());
        owner.ifPresent(changes::changing);
        return owner;
    }

    /** Deletes the account's sessions but {@code keep} (null: all of them); how many it deleted. */
    public int deleteOthers(int userId, UUID keep) {
        changes.changing(userId);
        return em.createNativeQuery("DELETE FROM refresh_sessions WHERE user_id = ?1 AND id IS DISTINCT FROM ?2")
                .setParameter(1, userId).setParameter(2, keep)
                .executeUpdate();
    }

    /** Deletes a session only if it is {@code userId}'s. */
    public boolean deleteOwned(UUID id, int userId) {
        changes.changing(userId);
        return em.createNativeQuery("DELETE FROM refresh_sessions WHERE id = ?1 AND user_id = ?2")
                .setParameter(1, id).setParameter(2, userId)
                .executeUpdate() > 0;
    }

    /** The account's live sessions, most recently used first. */
    public List<SessionInfo> live(int userId, Instant now) {
        List<?> rows = em.createNativeQuery("""
                SELECT s.id, s.created_at, s.last_used_at, s.expires_at, s.user_agent, s.client
                FROM refresh_sessions s JOIN users u ON u.id = s.user_id
                WHERE s.user_id = ?1 AND s.expires_at > ?2 AND s.authenticated_at >= u.password_changed_at
                ORDER BY s.last_used_at DESC, s.id""")
                .setParameter(1, userId).setParameter(2, now)
                .getResultList();
        return rows.stream().map(Object[].class::cast)
                .map(row -> new SessionInfo((UUID) row[0], instant(row[1]), instant(row[2]), instant(row[3]),
                        (String) row[4], (String) row[5]))
                .toList();
    }


    /**
     * Expired sessions, sessions ended by a later password change, and rotated tokens past the idle timeout; and
     * the sealed successors of tokens rotated before {@code retriesRotatedBefore}, past their grace window.
     */
    public int purge(Instant now, Instant rotatedTokensIssuedBefore, Instant retriesRotatedBefore) {
        int sessions = em.createNativeQuery("""
                DELETE FROM refresh_sessions s USING users u
                WHERE u.id = s.user_id AND (s.expires_at <= ?1 OR s.authenticated_at < u.password_changed_at)""")
                .setParameter(1, now)
                .executeUpdate();
        int tokens = em.createNativeQuery(
                "DELETE FROM refresh_tokens WHERE rotated_at IS NOT NULL AND issued_at < ?1")
                .setParameter(1, rotatedTokensIssuedBefore)
                .executeUpdate();
        int sealed = em.createNativeQuery(
                "UPDATE refresh_tokens SET successor_sealed = NULL WHERE successor_sealed IS NOT NULL AND rotated_at < ?1")
                .setParameter(1, retriesRotatedBefore)
                .executeUpdate();
        return sessions + tokens + sealed;
    }
}
