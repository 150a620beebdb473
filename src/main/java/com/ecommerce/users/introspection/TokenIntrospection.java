package com.ecommerce.users.introspection;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.ecommerce.users.account.AccountStatus;
import com.ecommerce.users.accountcache.AccountStatuses;
import com.ecommerce.users.jwt.AccountCheck;
import com.ecommerce.users.jwt.AccountCheck.TokenSubject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * RFC 7662: whether an access token is active, by exactly the checks a request bearing it passes: the token parser
 * that authenticates requests (its canonical spelling, signature, issuer, audience, lifetime, iat; verified tokens
 * cached), then {@link AccountCheck#refusal} against the account's status from the same cache and its cross-replica
 * invalidation ({@link AccountStatuses}). A token that a request would be refused with is inactive, and nothing tells
 * why. Nothing is audited per call (a hot path); {@code users.introspection.requests{result}} counts the answers.
 */
@ApplicationScoped
public class TokenIntrospection {

    private final JWTParser parser;
    private final AccountStatuses statuses;
    private final Counter active;
    private final Counter inactive;

    TokenIntrospection(JWTParser parser, AccountStatuses statuses, MeterRegistry metrics) {
        this.parser = parser;
        this.statuses = statuses;
        this.active = requests(metrics, "active");
        this.inactive = requests(metrics, "inactive");
    }

    /** The token's claims if it is an active access token; empty for anything else. Blocks on a cache miss. */
    public Optional<ActiveToken> introspect(String token) {
        Optional<ActiveToken> answer = check(token);
        (answer.isPresent() ? active : inactive).increment();
        return answer;
    }

    private Optional<ActiveToken> check(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        JsonWebToken jwt;
        TokenSubject subject;
        try {
            jwt = parser.parse(token);
            subject = AccountCheck.subject(jwt);
        } catch (ParseException | AuthenticationFailedException e) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<AccountStatus> status = statuses.cached(subject.userId(), subject.sessionId(), now);
        if (status.isEmpty()) {
            status = statuses.read(subject.userId(), subject.sessionId());
        }
        if (AccountCheck.refusal(jwt, subject, status, now).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new ActiveToken(jwt.getSubject(), jwt.getName(), jwt.getExpirationTime(),
                jwt.getIssuedAtTime(), jwt.getIssuer(), jwt.getAudience(), subject.sessionId(), jwt.getTokenID(),
                status.get().role()));
    }

    static Counter requests(MeterRegistry metrics, String result) {
        return Counter.builder("users.introspection.requests")
                .description("Token introspections: active, inactive (revoked, expired, forged, malformed or unknown), "
                        + "unauthorized (no or wrong client credentials)")
                .tag("result", result)
                .register(metrics);
    }
}
