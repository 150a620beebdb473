package com.ecommerce.users.accountcache;

import static com.ecommerce.users.user.UserApi.newAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.account.AccountStatus;
import com.ecommerce.users.account.Role;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi.Account;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The token check's cache in the running service: it answers repeated requests, and it never outlives a change, made
 * through the service or in SQL, nor the connection that tells it of changes. Changes in SQL reach it only through
 * PostgreSQL's notification, so those tests wait for it (at most 5 s; bench/run measures the real window).
 */
@QuarkusTest
class AccountCacheTests {

    private static final Duration NOTIFICATION = Duration.ofSeconds(5);

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry metrics;
    @Inject
    AccountStatusCache cache;
    @Inject
    AccountChanges changes;

    @BeforeEach
    void listening() {
        await("the cache listens").atMost(Duration.ofSeconds(15)).until(() -> gauge() == 1);
    }

    @Test
    void repeatedRequestsWithOneTokenAreAnsweredFromTheCache() {
        Account account = newAccount("Cached");
        double hits = lookups("hit");
        double misses = lookups("miss");

        for (int i = 0; i < 3; i++) {
            account.auth().get("/users/me").then().statusCode(200);
        }

        assertThat(lookups("miss") - misses).as("the first request reads the database").isEqualTo(1);
        assertThat(lookups("hit") - hits).as("the next ones do not").isEqualTo(2);
    }

    @Test
    void aPasswordCutOffMovedInSqlEndsTheTokensThroughTheNotification() {
        Account account = warm(newAccount("Cut-off in SQL"));

        db().execute("UPDATE users SET password_changed_at = now() + interval '1 hour' WHERE id = ?", account.id());

        await().atMost(NOTIFICATION).until(() -> account.auth().get("/users/me").statusCode() == 401);
    }

    @Test
    void aSessionDeletedInSqlEndsItsAccessTokens() {
        Account account = warm(newAccount("Session in SQL"));

        db().execute("DELETE FROM refresh_sessions WHERE user_id = ?", account.id());

        await().atMost(NOTIFICATION).until(() -> account.auth().get("/users/me").statusCode() == 401);
    }

    @Test
    void aRoleChangedInSqlTakesEffect() {
        Account account = warm(newAccount("Promoted in SQL"));
        account.auth().get("/users?limit=1").then().statusCode(403);

        db().execute("UPDATE users SET role = 'admin' WHERE id = ?", account.id());

        await().atMost(NOTIFICATION).until(() -> account.auth().get("/users?limit=1").statusCode() == 200);
    }

    @Test
    void withoutItsListeningConnectionTheCacheIsBypassedUntilItListensAgain() {
        Account account = warm(newAccount("Listener down"));

        db().rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'user-service account-change-listener'");
        await("the cache bypassed").atMost(Duration.ofSeconds(10)).until(() -> gauge() == 0);
        double bypasses = lookups("bypass");
        account.auth().get("/users/me").then().statusCode(200);
        assertThat(lookups("bypass") - bypasses).isEqualTo(1);

        db().execute("UPDATE users SET password_changed_at = now() + interval '1 hour' WHERE id = ?", account.id());
        account.auth().get("/users/me").then().statusCode(401); // at once: read from the database

        await("listening again").atMost(Duration.ofSeconds(15)).until(() -> gauge() == 1);
        Account other = warm(newAccount("Listener back"));
        double hits = lookups("hit");
        other.auth().get("/users/me").then().statusCode(200);
        assertThat(lookups("hit") - hits).isEqualTo(1);
    }

    @Test
    void thisReplicasOwnChangeIsEvictedWhenItsTransactionEnds() {
        Account account = newAccount("Own change");
        AccountStatus status = new AccountStatus(Role.USER, Instant.now(), null);

        QuarkusTransaction.requiringNew().run(() -> {
            changes.changing(account.id());
            // a load that read the row after the change began, and before it committed
            cache.put(account.id(), null, status, cache.epoch());
            assertThat(cache.get(account.id(), null, Instant.now())).isPresent();
        });

        assertThat(cache.get(account.id(), null, Instant.now())).isEmpty();
    }

    /** Makes the account's status cached: the first request reads it, the second is answered from the cache. */
    private Account warm(Account account) {
        account.auth().get("/users/me").then().statusCode(200);
        double hits = lookups("hit");
        account.auth().get("/users/me").then().statusCode(200);
        assertThat(lookups("hit") - hits).as("cached").isEqualTo(1);
        return account;
    }

    private double lookups(String result) {
        return metrics.get("users.account.status.lookups").tag("result", result).counter().count();
    }

    private double gauge() {
        return metrics.get("users.account.status.cache.trusted").gauge().value();
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
