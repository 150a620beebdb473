package com.ecommerce.users.accountcache;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The cache of account status behind the token check ({@code users.account-cache.*}); docs/configuration.md. */
@ConfigMapping(prefix = "users.account-cache")
public interface AccountCacheConfig {

    /** false: every authenticated request reads the account's status from the database. */
    @WithDefault("true")
    boolean enabled();

    /** Accounts kept; the least recently used go first. An entry is ~200 bytes plus ~50 per session. */
    @WithDefault("100000")
    @Min(1)
    long maximumSize();

    /**
     * How long an entry lives at most. Changes evict it at once (notifications); this only bounds what a lost
     * notification could leave behind, and PostgreSQL loses none while the listening connection lives.
     */
    @WithDefault("10m")
    Duration expireAfterWrite();

    /**
     * How often the listening connection proves it is alive when no notification arrives; the cache is bypassed
     * within about this plus 3 s of the database becoming unreachable.
     */
    @WithDefault("5s")
    Duration heartbeat();
}
