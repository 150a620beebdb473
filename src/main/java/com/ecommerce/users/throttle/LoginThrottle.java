package com.ecommerce.users.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Counts failed password guesses per email address in PostgreSQL (table login_throttle), so the count holds across
 * replicas. After {@code lock-after-failures} failures the address is locked for {@code first-lock}, doubling with
 * each further failure up to {@code max-lock}. Guesses during a lock are refused without being counted, so they
 * cannot extend it, and every lock ends: an attacker can slow a victim's logins down, not lock them out for good.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private final EntityManager em;
    private final ThrottleConfig config;

    LoginThrottle(EntityManager em, ThrottleConfig config) {
        this.em = em;
        this.config = config;
    }

    /** The throttling key of an address: its lower-case form, whether or not an account has it. */
    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    // its own short transaction, for the reason given at UserService#get: no connection held through a hash
    @Transactional
    public boolean isLocked(String key) {
        Number locked = (Number) em.createNativeQuery(
                "SELECT count(*) FROM login_throttle WHERE email_key = ?1 AND locked_until > ?2")
                .setParameter(1, key)
                .setParameter(2, Instant.now())
                .getSingleResult();
        return locked.intValue() > 0;
    }

    /** Counts a failure, atomically across replicas, and locks the address once there are enough of them. */
    public void recordFailure(String key) {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            Number failures = (Number) em.createNativeQuery("""
                    INSERT INTO login_throttle AS t (email_key, failures, last_failure_at) VALUES (?1, 1, ?2)
                    ON CONFLICT (email_key) DO UPDATE SET
                        failures = CASE WHEN t.last_failure_at < ?3 THEN 1 ELSE t.failures + 1 END,
                        last_failure_at = ?2
                    RETURNING failures""")
                    .setParameter(1, key)
                    .setParameter(2, now)
                    .setParameter(3, now.minus(config.forgetAfter()))
                    .getSingleResult();
            Duration lock = lockFor(failures.intValue());
            if (!lock.isZero()) {
                em.createNativeQuery("UPDATE login_throttle SET locked_until = ?2 WHERE email_key = ?1")
                        .setParameter(1, key)
                        .setParameter(2, now.plus(lock))
                        .executeUpdate();
            }
        });
    }

    /** After a successful login the address starts afresh. */
    public void reset(String key) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM login_throttle WHERE email_key = ?1")
                .setParameter(1, key)
                .executeUpdate());
    }

    /** Zero below the threshold, then first-lock doubled per further failure, never more than max-lock. */
    Duration lockFor(int failures) {
        int beyond = failures - config.lockAfterFailures();
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
