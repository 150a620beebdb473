package com.ecommerce.users.login;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the session tables bounded: drops expired sessions, sessions ended by a password or email change, and
 * rotated tokens issued longer ago than the idle timeout (expired by then, so reuse detection no longer needs them),
 * and wipes the successors sealed for a retry once their grace window is over.
 * Every replica may run it; the deletes are idempotent.
 */
@ApplicationScoped
public class SessionPurge {

    private static final Logger LOG = Logger.getLogger(SessionPurge.class);

    private final SessionRepository sessions;
    private final SessionConfig config;

    SessionPurge(SessionRepository sessions, SessionConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @Scheduled(every = "${users.session.purge-every}", delayed = "${users.session.purge-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge(Instant.now());
    }

    /** Rows purged as of {@code now}. */
    public int purge(Instant now) {
        int purged = QuarkusTransaction.requiringNew().call(
                () -> sessions.purge(now, now.minus(config.idleTimeout()), now.minus(config.refreshReuseInterval())));
        if (purged > 0) {
            LOG.debugf("Purged %d expired or revoked session rows", purged);
        }
        return purged;
    }
}
