package com.ecommerce.users.accountcache;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.ecommerce.users.account.AccountStatus;
import com.ecommerce.users.account.Role;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What the token check last read of each account: role, password cut-off and the expiry of each session seen. It is
 * trusted only while {@link AccountChangeListener} listens for changes, so that a deletion, a password change, a
 * demotion or a logout committed on any replica, or in SQL, drops the entry at once.
 *
 * <p>A load races with a change: it may read the row just before the change commits and store it just after the
 * change's eviction, which would keep the old status for good. Every eviction therefore moves an epoch, and a load
 * stores its result only if the epoch has not moved since it started (checked and stored atomically per account).
 */
@ApplicationScoped
public class AccountStatusCache {

    /** An account's cached status; {@code sessions}: session id to expiry, of the sessions looked up so far. */
    record Entry(Role role, Instant passwordChangedAt, Map<UUID, Instant> sessions) {
    }

    private final Cache<Integer, Entry> entries;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean trusted;

    @Inject
    AccountStatusCache(AccountCacheConfig config) {
        this(config.maximumSize(), config.expireAfterWrite());
    }

    AccountStatusCache(long maximumSize, Duration expireAfterWrite) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfterWrite)
                .build();
    }

    /**
     * The cached status for a token of account {@code id} and session {@code sessionId} (null: none), or empty
     * when it must be read: not cached, the session not seen yet, or its expiry passed (a refresh may have moved it).
     */
    Optional<AccountStatus> get(int id, UUID sessionId, Instant now) {
        if (!trusted) {
            return Optional.empty();
        }
        Entry entry = entries.getIfPresent(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (sessionId == null) {
            return Optional.of(new AccountStatus(entry.role(), entry.passwordChangedAt(), null));
        }
        Instant expiry = entry.sessions().get(sessionId);
        if (expiry == null || !expiry.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new AccountStatus(entry.role(), entry.passwordChangedAt(), expiry));
    }

    /** To pass to {@link #put} with what a load read: taken before the load starts. */
    long epoch() {
        return epoch.get();
    }

    /** Keeps what a load that started at {@code loadEpoch} read, unless anything was evicted meanwhile. */
    void put(int id, UUID sessionId, AccountStatus status, long loadEpoch) {
        if (!trusted) {
            return;
        }
        entries.asMap().compute(id, (key, old) -> {
            if (epoch.get() != loadEpoch) {
                return old;
            }
            Map<UUID, Instant> sessions = old != null && old.role() == status.role()
                    && old.passwordChangedAt().equals(status.passwordChangedAt()) ? new HashMap<>(old.sessions()) : new HashMap<>();
            if (sessionId != null && status.sessionExpiresAt() != null) {
                sessions.put(sessionId, status.sessionExpiresAt());
            }
            return new Entry(status.role(), status.passwordChangedAt(), Map.copyOf(sessions));
        });
    }

    /** Drops what is cached of account {@code id}: it changed, or is about to. */
    void evict(int id) {
        epoch.incrementAndGet();
        entries.invalidate(id);
    }

    void evictAll() {
        epoch.incrementAndGet();
        entries.invalidateAll();
    }

    /** Listening again (after {@link #distrust}): whatever changed meanwhile went unannounced, so start empty. */
    void trust() {
        evictAll();
        trusted = true;
    }

    /** Not listening: every lookup reads the database until {@link #trust}. */
    void distrust() {
        trusted = false;
        evictAll();
    }

    boolean trusted() {
        return trusted;
    }

    long size() {
        return entries.estimatedSize();
    }
}
