package com.ecommerce.users.accountcache;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import com.ecommerce.users.account.AccountStatus;
import com.ecommerce.users.account.UserRepository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The status of the account behind a token, for the token check on every authenticated request: from the cache when
 * it may be trusted (no thread hand-off, no database), else from the database (a blocking read, one round trip).
 * {@code users_account_status_lookups_total{result=hit|miss|bypass}} counts both, and
 * {@code users_account_status_cache_trusted} says whether the cache is in use.
 */
@Startup // its metrics exist from start-up on, at zero
@ApplicationScoped
public class AccountStatuses {

    private final AccountStatusCache cache;
    private final UserRepository users;
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;

    AccountStatuses(AccountStatusCache cache, UserRepository users, AccountCacheConfig config, MeterRegistry metrics) {
        this.cache = cache;
        this.users = users;
        this.enabled = config.enabled();
        this.hits = lookups(metrics, "hit");
        this.misses = lookups(metrics, "miss");
        this.bypasses = lookups(metrics, "bypass");
        Gauge.builder("users.account.status.cache.trusted", cache, c -> c.trusted() ? 1 : 0)
                .description("1 while the cache of account status listens for changes and is used, 0 while bypassed")
                .register(metrics);
        Gauge.builder("users.account.status.cache.size", cache, AccountStatusCache::size)
                .description("Accounts whose status is cached (estimate)")
                .register(metrics);
    }

    /** The cached status; empty when it must be read with {@link #read}. Never blocks. */
    public Optional<AccountStatus> cached(int id, UUID sessionId, Instant now) {
        Optional<AccountStatus> status = cache.get(id, sessionId, now);
        if (status.isPresent()) {
            hits.increment();
        }
        return status;
    }

    /**
     * Reads the status from the database (blocking) and caches it if the cache may be trusted; empty: no account. With
     * a request context of its own, whose session returns the connection when the method ends, and outside a
     * transaction: one autocommit statement.
     */
    @ActivateRequestContext
    public Optional<AccountStatus> read(int id, UUID sessionId) {
        boolean trusted = enabled && cache.trusted();
        (trusted ? misses : bypasses).increment();
        long epoch = cache.epoch();
        Optional<AccountStatus> status = users.accountStatus(id, sessionId);
        if (trusted) {
            status.ifPresent(s -> cache.put(id, sessionId, s, epoch));
        }
        return status;
    }

    private static Counter lookups(MeterRegistry metrics, String result) {
        return Counter.builder("users.account.status.lookups")
                .description("Account status lookups of the token check: hit (cache), miss (read, then cached), "
                        + "bypass (read: the cache is off or not listening)")
                .tag("result", result)
                .register(metrics);
    }
}
