package com.ecommerce.users.jwt;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.ecommerce.users.account.AccountStatus;
import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.accountcache.AccountStatuses;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Runs after smallrye-jwt has verified a token's signature and claims: the account must still exist and be enabled
 * (a disabled one reads as absent), its password must not have changed since the token was issued, and the token's
 * session (sid) must not have ended (a logout). Its
 * role comes from the account's current status, not from the token, so a demotion takes effect at once. The status
 * comes from the cache when it may be trusted, answered on the calling thread; else it is read on a worker thread
 * ({@link AccountStatuses}). The result is a {@link Caller} attribute for the use cases.
 */
@ApplicationScoped
public class AccountCheck implements SecurityIdentityAugmentor {

    private final AccountStatuses statuses;

    AccountCheck(AccountStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        TokenSubject subject;
        try {
            subject = subject(token);
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
        Optional<AccountStatus> cached = statuses.cached(subject.userId(), subject.sessionId(), Instant.now());
        if (cached.isPresent()) {
            return Uni.createFrom().item(() -> check(identity, token, subject, cached));
        }
        return context.runBlocking(() -> check(identity, token, subject,
                statuses.read(subject.userId(), subject.sessionId())));
    }

    /** The account, and the session (null for tokens issued before sessions existed), that a verified token names. */
    public record TokenSubject(int userId, UUID sessionId) {
    }

    /** @throws AuthenticationFailedException when sub is not an account id or sid not a session id */
    public static TokenSubject subject(JsonWebToken token) {
        return new TokenSubject(userId(token), sessionId(token));
    }

    /**
     * Why the account's status (empty: no account) refuses a verified token, or empty when it does not: the one rule
     * for a request's token and for an introspection.
     */
    public static Optional<String> refusal(JsonWebToken token, TokenSubject subject, Optional<AccountStatus> found,
            Instant now) {
        if (found.isEmpty()) {
            return Optional.of("account deleted or disabled");
        }
        AccountStatus status = found.get();
        if (token.getIssuedAtTime() < status.passwordChangedAt().getEpochSecond()) {
            return Optional.of("token issued before the last password change");
        }
        if (subject.sessionId() != null && !status.sessionLiveAt(now)) {
            return Optional.of("the token's session ended");
        }
        return Optional.empty();
    }

    private static SecurityIdentity check(SecurityIdentity identity, JsonWebToken token, TokenSubject subject,
            Optional<AccountStatus> found) {
        Optional<String> refusal = refusal(token, subject, found, Instant.now());
        if (refusal.isPresent()) {
            throw new AuthenticationFailedException(refusal.get());
        }
        AccountStatus status = found.orElseThrow();
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(Caller.IDENTITY_ATTRIBUTE,
                        new Caller(subject.userId(), status.role() == Role.ADMIN, subject.sessionId()))
                .addRole(status.role().value())
                .build();
    }

    /** The sid claim; null for tokens issued before sessions existed, which live out their 15 minutes. */
    private static UUID sessionId(JsonWebToken token) {
        Object sid = token.getClaim(AccessTokenIssuer.SESSION_CLAIM);
        if (sid == null) {
            return null;
        }
        try {
            return UUID.fromString(sid.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException("sid is not a session id");
        }
    }

    private static int userId(JsonWebToken token) {
        try {
            return Integer.parseInt(token.getSubject());
        } catch (NumberFormatException e) {
            throw new AuthenticationFailedException("subject is not an account id");
        }
    }
}
