package com.ecommerce.users.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Counts password attempts in PostgreSQL (table login_throttle), so the counts hold across replicas: per (email
 * address, client address), locked after {@code lock-after-failures}, and per email address from any client, locked
 * after the looser {@code account-lock-after-failures}. A lock lasts {@code first-lock}, doubling with each further
 * failure up to {@code max-lock}.
 *
 * <p>An attempt is counted as a failure <em>before</em> its password is checked, by an atomic upsert that also tells
 * whether a lock is running: N simultaneous guesses get at most the threshold's worth of evaluations, whatever N. A
 * success then clears the counts. Attempts refused during a lock are not counted, so they cannot extend it, and every
 * lock ends: an attacker can slow the owner down from their own address, not lock them out from another.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    /** The client of the account-wide row. */
    static final String ANY_CLIENT = "*";

    private final EntityManager em;
    private final ThrottleConfig config;

    LoginThrottle(EntityManager em, ThrottleConfig config) {
        this.em = em;
        this.config = config;
    }

    /** What a reservation found. */
    public enum Admission {
        /** A lock is running: no attempt now. */
        REFUSED,
        ADMITTED,
        /** Admitted as the threshold's last attempt: if it fails, a lock starts. */
        ADMITTED_LAST
    }

    /**
     * Counts an attempt on {@code emailKey} from {@code client}, unless a lock is running. Joins the caller's
     * transaction, whose rollback undoes the count (as when the account-wide row turns out to be locked).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Admission tryReserve(String emailKey, String client) {
        Admission fromClient = reserve(emailKey, client, config.lockAfterFailures());
        if (fromClient == Admission.REFUSED) {
            return fromClient;
        }
        Admission accountWide = reserve(emailKey, ANY_CLIENT, config.accountLockAfterFailures());
        return accountWide == Admission.ADMITTED ? fromClient : accountWide;
    }

    /**
     * After a successful check: the address starts afresh, from this client and account-wide. Joins the caller's
     * transaction (a login's), or runs in one of its own.
     */
    public void reset(String emailKey, String client) {
        // row by row, in the order tryReserve locks them: the reverse order could deadlock with a reservation
        QuarkusTransaction.joiningExisting().run(() -> {
            forget(emailKey, client);
            forget(emailKey, ANY_CLIENT);
        });
    }

    /**
     * An admin's decision: every lock and count of {@code emailKey}, from every client and account-wide, goes; the
     * next attempt starts afresh. In a transaction of its own, or the caller's.
     *
     * @return the rows deleted (0: nothing was counted)
     */
    public int lift(String emailKey) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery(
                "DELETE FROM login_throttle WHERE email_key = ?1")
                .setParameter(1, emailKey)
                .executeUpdate());
    }

    private void forget(String emailKey, String client) {
        em.createNativeQuery("DELETE FROM login_throttle WHERE email_key = ?1 AND client = ?2")
                .setParameter(1, emailKey)
                .setParameter(2, client)
                .executeUpdate();
    }

    // One statement decides and counts, under the row lock the upsert takes: PostgreSQL serialises concurrent
    // attempts on one row, and each sees the count its predecessor wrote. The WHERE skips the update (no row
    // returned) while a lock runs.
    private Admission reserve(String emailKey, String client, int threshold) {
        Instant now = Instant.now();
        List<?> counted = em.createNativeQuery("""
                INSERT INTO login_throttle AS t (email_key, client, failures, last_failure_at) VALUES (?1, ?2, 1, ?3)
                ON CONFLICT (email_key, client) DO UPDATE SET
                    failures = CASE WHEN t.last_failure_at < ?4 THEN 1 ELSE t.failures + 1 END,
                    last_failure_at = ?3,
                    locked_until = NULL
                WHERE t.locked_until IS NULL OR t.locked_until <= ?3
                RETURNING failures""")
                .setParameter(1, emailKey)
                .setParameter(2, client)
                .setParameter(3, now)
                .setParameter(4, now.minus(config.forgetAfter()))
                .getResultList();
        if (counted.isEmpty()) {
            return Admission.REFUSED;
        }
        Duration lock = lockFor(((Number) counted.getFirst()).intValue(), threshold);
        if (!lock.isZero()) {
            // this attempt is the threshold's last: should it fail, the lock is already in place for the next ones
            em.createNativeQuery("UPDATE login_throttle SET locked_until = ?3 WHERE email_key = ?1 AND client = ?2")
                    .setParameter(1, emailKey)
                    .setParameter(2, client)
                    .setParameter(3, now.plus(lock))
                    .executeUpdate();
            return Admission.ADMITTED_LAST;
        }
        return Admission.ADMITTED;
    }

    /** Zero below the threshold, then first-lock doubled per further failure, never more than max-lock. */
    Duration lockFor(int failures, int threshold) {
        int beyond = failures - threshold;
        if (beyond < 0) {
            return Duration.ZERO;
        }
        Duration max = config.maxLock();
        if (beyond >= 31) {
            return max;
        }
        Duration lock = config.firstLock().multipliedBy(1L << beyond);
        return lock.compareTo(max) > 0 ? max : lock;
    }

    /** Rows of addresses with no recent failure and no running lock; every replica may run it, harmlessly. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = Instant.now();
        int purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "DELETE FROM login_throttle WHERE last_failure_at < ?1 AND (locked_until IS NULL OR locked_until < ?2)")
                .setParameter(1, now.minus(config.forgetAfter()))
                .setParameter(2, now)
                .executeUpdate());
        if (purged > 0) {
            LOG.debugf("Purged %d login throttle rows", purged);
        }
    }
}
