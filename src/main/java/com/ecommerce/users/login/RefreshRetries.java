package com.ecommerce.users.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.login.SessionRepository.TokenUse;
import com.ecommerce.users.platform.crypto.SealedSecrets;
import com.ecommerce.users.platform.crypto.SecretTokens;

/**
 * The grace window of a rotation ({@code users.session.refresh-reuse-interval}): a client whose refresh answer was lost,
 * or a second tab that refreshed with the same token, presents the rotated token again shortly after; it gets the same
 * successor again rather than ending the session as a reuse. Only the database knows of the rotation, so this holds
 * across replicas.
 *
 * <p>The database has only digests, so the successor is kept sealed in the rotated token's row
 * ({@link SealedSecrets}), under a key derived from the rotated token itself: only whoever presents that token again
 * can open it, not whoever reads the table. It is handed out again only while the window lasts and while it is still
 * the session's current token: once it has been used in turn, the old token coming back is a reuse, as is any older
 * token, whenever it comes.
 */
@ApplicationScoped
class RefreshRetries {

    private final SessionRepository sessions;
    private final Duration window;

    RefreshRetries(SessionRepository sessions, SessionConfig config) {
        this.sessions = sessions;
        this.window = config.refreshReuseInterval();
    }

    /** {@code successor} sealed for the row of {@code rotated} (digest {@code digest}); null with the window off. */
    byte[] seal(String rotated, byte[] digest, String successor) {
        return window.isZero() || window.isNegative() ? null : SealedSecrets.seal(rotated, successor, digest);
    }

    /**
     * The successor to hand out again for {@code presented}, rotated already ({@code use}): empty unless the window of
     * its rotation still runs and the successor is still the current token of the same session. In the rotation's
     * transaction, under the session's lock.
     */
    Optional<String> successor(String presented, byte[] digest, TokenUse use, Instant now) {
        if (use.successorSealed() == null || !now.isBefore(use.rotatedAt().plus(window))) {
            return Optional.empty();
        }
        return SealedSecrets.open(presented, use.successorSealed(), digest)
                .filter(successor -> sessions.findToken(SecretTokens.hash(successor))
                        .filter(next -> next.sessionId().equals(use.sessionId()) && !next.rotated())
                        .isPresent());
    }
}
