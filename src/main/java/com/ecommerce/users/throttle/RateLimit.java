package com.ecommerce.users.throttle;

import static com.ecommerce.users.platform.database.SqlValues.instant;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Fixed-window request counters in PostgreSQL (table rate_limit), shared by every replica: at most {@link Limit#max}
 * requests per {@link Limit#window} for one key (an account, an email address, a client address) in one bucket. For
 * requests that send mail; password guesses have their own, stricter {@link LoginThrottle}.
 *
 * <p>Each count is one atomic upsert under the row lock, so simultaneous requests cannot slip past the limit. A request
 * refused by any of its limits counts towards none of them (its transaction rolls back): a client that keeps retrying
 * does not push its window further out.
 */
@ApplicationScoped
public class RateLimit {

    private static final Logger LOG = Logger.getLogger(RateLimit.class);

    /** At most {@code max} requests per {@code window} in {@code bucket} (a name of up to 32 characters). */
    public record Limit(String bucket, int max, Duration window) {
        public Limit {
            if (bucket.length() > 32 || max < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("bad limit " + bucket);
            }
        }
    }

    private final EntityManager em;

    RateLimit(EntityManager em) {
        this.em = em;
    }

    /**
     * Counts a request on {@code key} against every limit, in a transaction of its own. Empty when admitted; otherwise
     * how long until every refusing limit's window ends (at least a second).
     */
    public Optional<Duration> tryAcquire(String key, List<Limit> limits) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Duration wait = Duration.ZERO;
                for (Limit limit : limits) {
                    wait = max(wait, count(key, limit, now));
                }
                if (!wait.isZero()) {
                    throw new Refused(wait); // rolls the counts back
                }
            });
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.retryAfter);
        }
    }

    /** Zero if the request fits in the limit's window, else the time left in the window. */
    private Duration count(String key, Limit limit, Instant now) {
        Object[] row = (Object[]) em.createNativeQuery("""
                INSERT INTO rate_limit AS r (bucket, key, window_start, hits) VALUES (?1, ?2, ?3, 1)
                ON CONFLICT (bucket, key) DO UPDATE SET
                    window_start = CASE WHEN r.window_start <= ?4 THEN ?3 ELSE r.window_start END,
                    hits = CASE WHEN r.window_start <= ?4 THEN 1 ELSE r.hits + 1 END
                RETURNING hits, window_start""")
                .setParameter(1, limit.bucket())
                .setParameter(2, key)
                .setParameter(3, now)
                .setParameter(4, now.minus(limit.window()))
                .getSingleResult();
        if (((Number) row[0]).intValue() <= limit.max()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, instant(row[1]).plus(limit.window()));
        return max(left.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), Duration.ofSeconds(1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }


    /**
     * Rows whose window ended a day ago (no limit here has a longer window); every replica may run it, harmlessly.
     */
    @Scheduled(every = "10m", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "DELETE FROM rate_limit WHERE window_start < ?1")
                .setParameter(1, Instant.now().minus(Duration.ofDays(2)))
                .executeUpdate());
        if (purged > 0) {
            LOG.debugf("Purged %d rate limit rows", purged);
        }
    }

    /** A refusal: thrown to roll the counts back. */
    private static final class Refused extends RuntimeException {
        final Duration retryAfter;

        Refused(Duration retryAfter) {
            super(null, null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
