package com.ecommerce.users.jwt;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Wraps smallrye-jwt's parser, which Quarkus calls with each request's bearer token (parse(String)); every other
 * method goes straight to the parser. Before anything else, a token must be in its canonical spelling
 * ({@link CanonicalTokens}), so that no other spelling of a token reaches the cache or the parser. Then comes
 * {@link VerifiedTokens}: a token verified in full is served from it until it expires. A full verification adds what
 * smallrye-jwt leaves out: an {@code iat} beyond the clock skew in the future is refused (smallrye-jwt checks only
 * that exp - iat stays within the lifetime, so a token dated ahead would outlive it). With
 * {@code users.jwt.verified-cache-size=0} every token is verified.
 */
@Decorator
@Priority(10)
public abstract class CachingJwtParser implements JWTParser {

    private final JWTParser parser;
    private final VerifiedTokens verified;

    @Inject
    CachingJwtParser(@Delegate JWTParser parser, JwtConfig config, MeterRegistry metrics) {
        this.parser = parser;
        this.verified = config.verifiedCacheSize() > 0 ? new VerifiedTokens(config.verifiedCacheSize(), Clock.systemUTC()) : null;
        if (verified != null) {
            Gauge.builder("users.verified.tokens.cached", verified, VerifiedTokens::size)
                    .description("Bearer tokens verified and kept until they expire (estimate)")
                    .register(metrics);
        }
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (!CanonicalTokens.isCanonical(token)) {
            throw new ParseException("The token is not in canonical base64url");
        }
        return verified == null ? verify(token) : verified.get(token, this::verify);
    }

    private JsonWebToken verify(String token) throws ParseException {
        JsonWebToken parsed = parser.parse(token);
        if (parsed.getIssuedAtTime() > Instant.now().getEpochSecond() + JwtVerification.CLOCK_SKEW_SECONDS) {
            throw new ParseException("The token is issued in the future");
        }
        return parsed;
    }
}
