package com.ecommerce.users.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Bearer tokens already verified (signature, issuer, audience, lifetime), each until its {@code exp}: verifying RS256
 * took about 40 % of the CPU of an authenticated read (bench/profile get-id), and a client sends the same token with
 * every request for up to 15 minutes. Only a token verified in full gets in, and only the same token, byte for byte,
 * comes out (keyed by its SHA-256, so a lookup's timing tells nothing about the tokens kept). Revocation is not
 * affected: the account check (AccountCheck) runs on every request, cached token or not. Keys live as long as the
 * process, and so does this cache.
 */
final class VerifiedTokens {

    private final Cache<ByteBuffer, JsonWebToken> tokens;
    private final Clock clock;

    VerifiedTokens(int maximumSize, Clock clock) {
        this.clock = clock;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<ByteBuffer, JsonWebToken> creating((key, token) -> untilExpiry(token)))
                .executor(Runnable::run) // maintenance on the caller: no ForkJoinPool hand-off per request
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /** The verified token for {@code raw}, from the cache or from {@code verify}; throws what {@code verify} throws. */
    <E extends Exception> JsonWebToken get(String raw, Verifier<E> verify) throws E {
        ByteBuffer key = digest(raw);
        JsonWebToken cached = tokens.getIfPresent(key);
        if (cached != null && cached.getExpirationTime() > clock.instant().getEpochSecond()) {
            return cached;
        }
        JsonWebToken verified = verify.verify(raw);
        if (untilExpiry(verified).isPositive()) {
            tokens.put(key, verified);
        }
        return verified;
    }

    long size() {
        return tokens.estimatedSize();
    }

    /** What verifies a raw token: the decorated parser. */
    @FunctionalInterface
    interface Verifier<E extends Exception> {
        JsonWebToken verify(String raw) throws E;
    }

    private Duration untilExpiry(JsonWebToken token) {
        return Duration.ofSeconds(token.getExpirationTime()).minusMillis(clock.millis());
    }

    private static ByteBuffer digest(String raw) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
