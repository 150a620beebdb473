package com.ecommerce.users.accountcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.account.AccountStatus;
import com.ecommerce.users.account.Role;

/** The cache's own rules, without the service: what it answers, what it refuses to keep, when it is trusted. */
class AccountStatusCacheTests {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CUT_OFF = NOW.minusSeconds(3600);
    private static final UUID SESSION = UUID.randomUUID();

    private AccountStatusCache cache;

    @BeforeEach
    void trustedCache() {
        cache = new AccountStatusCache(100, Duration.ofMinutes(10));
        cache.trust();
    }

    @Test
    void aLoadKeptIsAnsweredForItsSessionUntilTheSessionsExpiry() {
        cache.put(7, SESSION, status(Role.ADMIN, NOW.plusSeconds(60)), cache.epoch());

        assertThat(cache.get(7, SESSION, NOW)).contains(status(Role.ADMIN, NOW.plusSeconds(60)));
        assertThat(cache.get(7, null, NOW)).contains(new AccountStatus(Role.ADMIN, CUT_OFF, null));
        assertThat(cache.get(7, UUID.randomUUID(), NOW)).as("a session not looked up yet").isEmpty();
        assertThat(cache.get(7, SESSION, NOW.plusSeconds(60))).as("expiry passed: read again, a refresh may have moved it")
                .isEmpty();
        assertThat(cache.get(8, SESSION, NOW)).isEmpty();
    }

    @Test
    void sessionsOfOneAccountAccumulate() {
        UUID other = UUID.randomUUID();
        cache.put(7, SESSION, status(Role.USER, NOW.plusSeconds(60)), cache.epoch());
        cache.put(7, other, status(Role.USER, NOW.plusSeconds(90)), cache.epoch());

        assertThat(cache.get(7, SESSION, NOW)).isPresent();
        assertThat(cache.get(7, other, NOW)).contains(status(Role.USER, NOW.plusSeconds(90)));
    }

    @Test
    void aLoadThatRacedWithAnEvictionIsNotKept() {
        long loadStarted = cache.epoch();
        cache.evict(99); // any change, of any account, while the load read the old row

        cache.put(7, SESSION, status(Role.ADMIN, NOW.plusSeconds(60)), loadStarted);

        assertThat(cache.get(7, SESSION, NOW)).isEmpty();
    }

    @Test
    void anEvictionDropsTheAccountWithAllItsSessions() {
        cache.put(7, SESSION, status(Role.ADMIN, NOW.plusSeconds(60)), cache.epoch());
        cache.put(8, SESSION, status(Role.USER, NOW.plusSeconds(60)), cache.epoch());

        cache.evict(7);

        assertThat(cache.get(7, SESSION, NOW)).isEmpty();
        assertThat(cache.get(7, null, NOW)).isEmpty();
        assertThat(cache.get(8, SESSION, NOW)).isPresent();
    }

    @Test
    void notListeningMeansNothingIsAnsweredOrKept() {
        cache.put(7, SESSION, status(Role.ADMIN, NOW.plusSeconds(60)), cache.epoch());

        cache.distrust();
        assertThat(cache.get(7, SESSION, NOW)).isEmpty();
        cache.put(7, SESSION, status(Role.ADMIN, NOW.plusSeconds(60)), cache.epoch());
        assertThat(cache.size()).isZero();

        long loadStarted = cache.epoch();
        cache.trust();
        cache.put(7, SESSION, status(Role.ADMIN, NOW.plusSeconds(60)), loadStarted);
        assertThat(cache.get(7, SESSION, NOW)).as("read before listening resumed: may have missed a change").isEmpty();
    }

    private static AccountStatus status(Role role, Instant sessionExpiresAt) {
        return new AccountStatus(role, CUT_OFF, sessionExpiresAt);
    }
}
