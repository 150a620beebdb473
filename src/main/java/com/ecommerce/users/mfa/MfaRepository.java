package com.ecommerce.users.mfa;

import static com.ecommerce.users.platform.database.SqlValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The SQL of the second factor (tables mfa_totp, mfa_recovery_codes, mfa_challenges, migration V13). Plain SQL, as
 * for sessions: single targeted statements, conditional updates that decide races. Joins the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MfaRepository {

    private final EntityManager em;

    MfaRepository(EntityManager em) {
        this.em = em;
    }

    /** An account's authenticator: its sealed secret, whether confirmed, the step of the last code accepted. */
    public record Totp(TotpSecretCipher.Sealed secret, Instant confirmedAt, Long lastUsedStep) {
        boolean confirmed() {
            return confirmedAt != null;
        }
    }

    /** A login waiting for its second step. */
    public record Challenge(int userId, Instant passwordChangedAt, Instant expiresAt, int failures) {
    }

    /** Stores a pending secret, replacing a pending one; false (nothing written) if the account has a confirmed one. */
    boolean storePending(int userId, TotpSecretCipher.Sealed secret, Instant now) {
        return em.createNativeQuery("""
                INSERT INTO mfa_totp AS t (user_id, secret_ciphertext, key_id, created_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = ?2, key_id = ?3, created_at = ?4,
                    last_used_step = NULL
                WHERE t.confirmed_at IS NULL""")
                .setParameter(1, userId).setParameter(2, secret.ciphertext()).setParameter(3, secret.keyId())
                .setParameter(4, now)
                .executeUpdate() > 0;
    }

    Optional<Totp> find(int userId) {
        List<?> rows = em.createNativeQuery(
                "SELECT secret_ciphertext, key_id, confirmed_at, last_used_step FROM mfa_totp WHERE user_id = ?1")
                .setParameter(1, userId)
                .getResultList();
        return rows.stream().findFirst().map(Object[].class::cast).map(row -> new Totp(
                new TotpSecretCipher.Sealed((byte[]) row[0], (String) row[1]), row[2] == null ? null : instant(row[2]),
                row[3] == null ? null : ((Number) row[3]).longValue()));
    }

    public boolean confirmed(int userId) {
        return !em.createNativeQuery("SELECT 1 FROM mfa_totp WHERE user_id = ?1 AND confirmed_at IS NOT NULL")
                .setParameter(1, userId).getResultList().isEmpty();
    }

    /**
     * Records {@code step} as used, only if it is later than the last one used: of two uses of one code (two
     * replicas, two requests) one updates the row and the other, queued on its lock, then finds the step used.
     */
    boolean useStep(int userId, long step) {
        return em.createNativeQuery("""
                UPDATE mfa_totp SET last_used_step = ?2
                WHERE user_id = ?1 AND (last_used_step IS NULL OR last_used_step < ?2)""")
                .setParameter(1, userId).setParameter(2, step)
                .executeUpdate() > 0;
    }

    boolean markConfirmed(int userId, Instant now) {
        return em.createNativeQuery("UPDATE mfa_totp SET confirmed_at = ?2 WHERE user_id = ?1 AND confirmed_at IS NULL")
                .setParameter(1, userId).setParameter(2, now)
                .executeUpdate() > 0;
    }

    void replaceRecoveryCodes(int userId, List<byte[]> hashes) {
        em.createNativeQuery("DELETE FROM mfa_recovery_codes WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        for (byte[] hash : hashes) {
            em.createNativeQuery("INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES (?1, ?2)")
                    .setParameter(1, userId).setParameter(2, hash)
                    .executeUpdate();
        }
    }

    /** Uses a recovery code: true once, for an unused code of the account. */
    boolean useRecoveryCode(int userId, byte[] hash, Instant now) {
        return em.createNativeQuery("""
                UPDATE mfa_recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL""")
                .setParameter(1, userId).setParameter(2, hash).setParameter(3, now)
                .executeUpdate() > 0;
    }

    /** Removes the account's second factor, its recovery codes and pending logins; false if it had none. */
    boolean remove(int userId) {
        em.createNativeQuery("DELETE FROM mfa_recovery_codes WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        em.createNativeQuery("DELETE FROM mfa_challenges WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        return em.createNativeQuery("DELETE FROM mfa_totp WHERE user_id = ?1").setParameter(1, userId)
                .executeUpdate() > 0;
    }

    void insertChallenge(byte[] tokenHash, int userId, Instant passwordChangedAt, Instant expiresAt) {
        em.createNativeQuery("""
                INSERT INTO mfa_challenges (token_hash, user_id, password_changed_at, expires_at) VALUES (?1, ?2, ?3, ?4)""")
                .setParameter(1, tokenHash).setParameter(2, userId).setParameter(3, passwordChangedAt)
                .setParameter(4, expiresAt)
                .executeUpdate();
    }

    /** The challenge of a token, locked: two second steps with one token queue up. */
    Optional<Challenge> lockChallenge(byte[] tokenHash) {
        List<?> rows = em.createNativeQuery("""
                SELECT user_id, password_changed_at, expires_at, failures FROM mfa_challenges
                WHERE token_hash = ?1 FOR UPDATE""")
                .setParameter(1, tokenHash)
                .getResultList();
        return rows.stream().findFirst().map(Object[].class::cast).map(row -> new Challenge(
                ((Number) row[0]).intValue(), instant(row[1]), instant(row[2]), ((Number) row[3]).intValue()));
    }

    void countChallengeFailure(byte[] tokenHash) {
        em.createNativeQuery("UPDATE mfa_challenges SET failures = failures + 1 WHERE token_hash = ?1")
                .setParameter(1, tokenHash).executeUpdate();
    }

    void deleteChallenge(byte[] tokenHash) {
        em.createNativeQuery("DELETE FROM mfa_challenges WHERE token_hash = ?1").setParameter(1, tokenHash)
                .executeUpdate();
    }

    int purgeChallenges(Instant now) {
        return em.createNativeQuery("DELETE FROM mfa_challenges WHERE expires_at <= ?1").setParameter(1, now)
                .executeUpdate();
    }
}
