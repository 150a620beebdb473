package com.ecommerce.users.auth;

import java.time.Clock;

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
 * Puts {@link VerifiedTokens} in front of smallrye-jwt's parser, which Quarkus calls with each request's bearer token
 * (parse(String)); every other method goes straight to the parser. With {@code users.jwt.verified-cache-size=0} every
 * token is verified.
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
            Gauge.builder("users_verified_tokens_cached", verified, VerifiedTokens::size)
                    .description("Bearer tokens verified and kept until they expire (estimate)")
                    .register(metrics);
        }
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified == null ? parser.parse(token) : verified.get(token, parser::parse);
    }
}
