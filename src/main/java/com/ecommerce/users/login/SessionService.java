package com.ecommerce.users.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.jwt.AccessTokenIssuer;
import com.ecommerce.users.login.SessionRepository.LockedSession;
import com.ecommerce.users.login.SessionRepository.TokenUse;
import com.ecommerce.users.mfa.SecondFactorConfirmed;
import com.ecommerce.users.platform.crypto.SecretTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sessions that outlast an access token: a login opens one, with a refresh token; each refresh rotates the token
 * (the old one stops working) and slides the session's expiry. A rotated token that comes back means two parties hold
 * the session's tokens, one of them a thief: the whole session ends (RFC 9700, section 4.14.2), unless it comes within
 * the grace window of its rotation ({@link RefreshRetries}). A disabled account's sessions are refused. A password
 * change, a reset and an email change end every session of the account by moving its cut-off ({@code User#revokeTokens}); a
 * deletion takes them with the account (ON DELETE CASCADE).
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final SessionConfig config;
    private final AccessTokenIssuer accessTokens;
    private final AuditLog audit;
    private final RefreshRetries retries;

    SessionService(SessionRepository sessions, SessionConfig config, AccessTokenIssuer accessTokens, AuditLog audit,
            RefreshRetries retries) {
        this.sessions = sessions;
        this.retries = retries;
        this.config = config;
        this.accessTokens = accessTokens;
        this.audit = audit;
    }

    /**
     * A new session for a login whose password (and second factor, if any) was just verified; joins the login's
     * transaction. {@code amr} (RFC 8176) goes into the tokens of every refresh of the session.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OpenedSession open(int userId, Instant passwordChangedAt, String userAgent, String client, List<String> amr) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(shorter(config.idleTimeout(), config.maxLifetime()));
        sessions.insertSession(id, userId, Instant.ofEpochSecond(AccessTokenIssuer.issuedAt(passwordChangedAt)), now,
                expiresAt, userAgent, client, amr);
        String token = SecretTokens.generate();
        sessions.insertToken(SecretTokens.hash(token), id, now);
        int ended = sessions.trimSessions(userId, config.maxPerAccount());
        if (ended > 0) {
            LOG.debugf("User id=%d reached %d sessions: ended the %d least recently used", userId,
                    config.maxPerAccount(), ended);
        }
        return new OpenedSession(id, token, Duration.between(now, expiresAt).toSeconds());
    }

    /**
     * A new access token and a new refresh token for {@code refreshToken}, which stops working; within the grace
     * window of its rotation, the same new refresh token again ({@link RefreshRetries}).
     *
     * @throws InvalidGrantException for a token that is unknown, expired, revoked or used already, or whose account is
     *         disabled
     */
    public SessionTokens refresh(String refreshToken, String client) {
        if (!RefreshTokens.wellFormed(refreshToken)) {
            throw new InvalidGrantException();
        }
        byte[] digest = SecretTokens.hash(refreshToken);
        Rotation rotation = QuarkusTransaction.requiringNew().call(() -> rotate(refreshToken, digest, client));
        return switch (rotation) {
            case Rotation.Reused reused -> {
                audit.record(AuditEvent.REFRESH_TOKEN_REUSED, reused.userId(), null, "session " + reused.sessionId());
                throw new InvalidGrantException();
            }
            case Rotation.Refused refused -> throw new InvalidGrantException();
            case Rotation.Rotated rotated -> {
                if (rotated.retry()) {
                    audit.record(AuditEvent.REFRESH_TOKEN_RETRIED, rotated.session().userId(), null,
                            "session " + rotated.next().id());
                }
                yield new SessionTokens(
                        accessTokens.issue(rotated.session().userId(), rotated.session().emailCanonical(),
                                Role.fromValue(rotated.session().role()), rotated.session().passwordChangedAt(),
                                rotated.next().id(), rotated.session().amr()),
                        rotated.next());
            }
        };
    }

    /**
     * Locks the session before its tokens, in the order a logout's delete takes them: a refresh and a logout of one
     * session queue up instead of deadlocking. Every rotation of the session's tokens holds that lock, so the token
     * read again under it is as the last rotation left it: simultaneous uses of one token queue up, and the later
     * ones find it rotated by the first (within the grace window, they get its successor too).
     */
    private Rotation rotate(String presented, byte[] digest, String client) {
        Optional<UUID> sessionId = sessions.findToken(digest).map(TokenUse::sessionId);
        Optional<LockedSession> found = sessionId.flatMap(sessions::lockSession);
        Optional<TokenUse> use = found.isEmpty() ? Optional.empty() : sessions.findToken(digest);
        if (use.isEmpty() || !use.get().sessionId().equals(sessionId.get())) {
            return Rotation.REFUSED; // unknown, or ended meanwhile
        }
        UUID id = sessionId.get();
        LockedSession session = found.get();
        Instant now = Instant.now();
        Optional<String> retried = use.get().rotated() ? retries.successor(presented, digest, use.get(), now)
                : Optional.empty();
        if (use.get().rotated() && retried.isEmpty()) {
            sessions.delete(id);
            return new Rotation.Reused(session.userId(), id);
        }
        if (session.accountDisabled() || session.revokedByCutOff() || !session.expiresAt().isAfter(now)) {
            sessions.delete(id);
            return Rotation.REFUSED;
        }
        if (retried.isPresent()) { // the session is left as the rotation left it
            return new Rotation.Rotated(session, new OpenedSession(id, retried.get(),
                    Duration.between(now, session.expiresAt()).toSeconds()), true);
        }
        String next = SecretTokens.generate();
        if (!sessions.markRotated(id, digest, now, retries.seal(presented, digest, next))) {
            sessions.delete(id);
            return new Rotation.Reused(session.userId(), id);
        }
        sessions.insertToken(SecretTokens.hash(next), id, now);
        sessions.trimRotatedTokens(id, config.rotatedTokensKept());
        Instant expiresAt = now.plus(config.idleTimeout());
        Instant latest = session.createdAt().plus(config.maxLifetime());
        if (expiresAt.isAfter(latest)) {
            expiresAt = latest;
        }
        sessions.touch(id, now, expiresAt, client);
        return new Rotation.Rotated(session, new OpenedSession(id, next, Duration.between(now, expiresAt).toSeconds()),
                false);
    }

    /** What a rotation found; decided inside the transaction, acted on after it committed (a reuse's revocation). */
    private sealed interface Rotation {
        Refused REFUSED = new Refused();

        record Refused() implements Rotation {
        }

        record Reused(int userId, UUID sessionId) implements Rotation {
        }

        /** {@code retry}: {@code next} is the successor handed out already, again within the grace window. */
        record Rotated(LockedSession session, OpenedSession next, boolean retry) implements Rotation {
        }
    }

    /** Ends the session of {@code refreshToken}, if there is one: like RFC 7009, an unknown token is not an error. */
    public void logout(String refreshToken) {
        if (!RefreshTokens.wellFormed(refreshToken)) {
            return;
        }
        byte[] digest = SecretTokens.hash(refreshToken);
        Optional<Integer> owner = QuarkusTransaction.requiringNew().call(() -> sessions.findToken(digest)
                .flatMap(use -> sessions.delete(use.sessionId())));
        owner.ifPresent(userId -> audit.record(AuditEvent.LOGOUT, userId, userId));
    }

    @Transactional
    public List<SessionInfo> list(Caller caller) {
        return sessions.live(caller.userId(), Instant.now());
    }

    /** @throws SessionNotFoundException when the caller has no such session */
    public void end(Caller caller, UUID id) {
        if (!QuarkusTransaction.requiringNew().call(() -> sessions.deleteOwned(id, caller.userId()))) {
            throw new SessionNotFoundException();
        }
        audit.record(AuditEvent.SESSION_ENDED, caller.userId(), caller.userId(), "session " + id);
    }

    /**
     * A confirmed second factor ends the account's other sessions, opened with the password alone; in the
     * confirmation's transaction.
     */
    void endOtherSessions(@Observes SecondFactorConfirmed confirmed) {
        int ended = sessions.deleteOthers(confirmed.userId(), confirmed.keepSessionId());
        LOG.debugf("User id=%d confirmed a second factor: ended %d other sessions", confirmed.userId(), ended);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
