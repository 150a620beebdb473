package com.ecommerce.users.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The verified-token cache's rules, with a clock of its own and a stand-in for the parser. */
class VerifiedTokensTests {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final VerifiedTokens cache = new VerifiedTokens(100, clock);
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aTokenIsVerifiedOnceThenServedUntilItExpires() {
        JsonWebToken token = expiringAt(NOW.plusSeconds(900));

        assertThat(cache.get("a.b.c", raw -> verify(token))).isSameAs(token);
        assertThat(cache.get("a.b.c", raw -> verify(token))).isSameAs(token);
        assertThat(verifications).hasValue(1);

        clock.now = NOW.plusSeconds(900);
        cache.get("a.b.c", raw -> verify(token));
        assertThat(verifications).as("expired: verified again, which then refuses it").hasValue(2);
    }

    @Test
    void anyOtherStringIsVerifiedItself() {
        cache.get("a.b.c", raw -> verify(expiringAt(NOW.plusSeconds(900))));

        assertThatThrownBy(() -> cache.get("a.b.C", raw -> {
            throw new IllegalArgumentException("bad signature");
        })).hasMessage("bad signature");
        assertThatThrownBy(() -> cache.get("a.b.C", raw -> {
            throw new IllegalArgumentException("bad signature");
        })).as("a failure is not kept either").hasMessage("bad signature");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aTokenThatExpiresNowIsNotKept() {
        JsonWebToken token = expiringAt(NOW);

        cache.get("x.y.z", raw -> verify(token));
        cache.get("x.y.z", raw -> verify(token));

        assertThat(verifications).hasValue(2);
    }

    private JsonWebToken verify(JsonWebToken token) {
        verifications.incrementAndGet();
        return token;
    }

    private static JsonWebToken expiringAt(Instant exp) {
        return new JsonWebToken() {
            public String getName() {
                return "1";
            }

            public Set<String> getClaimNames() {
                return Set.of(Claims.exp.name());
            }

            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return Claims.exp.name().equals(name) ? (T) Long.valueOf(exp.getEpochSecond()) : null;
            }
        };
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        public Instant instant() {
            return now;
        }

        public long millis() {
            return now.toEpochMilli();
        }

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
