package com.ecommerce.users.password;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Whether a new password is refused as common or breached: the built-in list first (in memory), then, only for a
 * password it does not hold, the breached-password API where one is configured.
 */
@Startup // its meters, and the list, from start-up
@ApplicationScoped
public class PasswordScreen {

    private final CommonPasswords common;
    private final BreachedPasswords breached;
    private final Counter refusedByList;
    private final Counter refusedByApi;

    PasswordScreen(CommonPasswords common, BreachedPasswords breached, MeterRegistry metrics) {
        this.common = common;
        this.breached = breached;
        this.refusedByList = refusals(metrics, "common-list");
        this.refusedByApi = refusals(metrics, "breach-api");
    }

    public boolean refuses(String password) {
        if (common.contains(password)) {
            refusedByList.increment();
            return true;
        }
        if (breached.listed(password)) {
            refusedByApi.increment();
            return true;
        }
        return false;
    }

    private static Counter refusals(MeterRegistry metrics, String source) {
        return Counter.builder("users.password.screen.refusals")
                .description("New passwords refused as common or breached, by the list that held them")
                .tag("source", source).register(metrics);
    }
}
