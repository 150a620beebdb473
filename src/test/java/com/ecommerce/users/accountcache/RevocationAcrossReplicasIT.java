package com.ecommerce.users.accountcache;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.accountcache.Replica.Tokens;
import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.support.TestKeys;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Two replicas, A and B, on one database with one signing key: whatever ends a token, or an admin's role, on A or in
 * SQL ends it on B too, although B's account status cache had just answered for it. How long B went on accepting it
 * is printed; the same for B's introspection (RFC 7662). Also shared across replicas: the login throttle's counts. And while B does not listen for account
 * changes (its connection killed), B reads every status from the database, so changes made meanwhile, which no
 * notification will ever announce to it, count at once. A disabled account, too; and a refresh retried on B within the
 * grace window of its rotation on A gets the successor A issued.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class RevocationAcrossReplicasIT {

    private static final String ADMIN = "boss@replicas.example";
    private static final String ADMIN_PASSWORD = "the replicas admin's password";
    /** A change on A, or in SQL, reaches B through a notification: well within this on a loaded machine. */
    private static final Duration REVOCATION = Duration.ofSeconds(5);
    /**
     * What an operator would run to end an account's tokens: a cut-off past now. And past the current one: a token
     * issued within a second of a registration or a password change is dated at that cut-off, up to a second ahead
     * of now, and now() + 1 s may fall within the same second as its iat, which would end nothing.
     */
    private static final String REVOKE_IN_SQL = "UPDATE users SET password_changed_at = "
            + "greatest(now(), password_changed_at) + interval '1 second' WHERE id = ?";
    private static final Map<String, Long> WINDOWS = new ConcurrentHashMap<>();
    private static final String INTROSPECTION_SECRET = "the replicas' introspection secret";
    private static final String INTROSPECTION_CLIENT = "Basic " + Base64.getEncoder().encodeToString(
            ("gateway:" + URLEncoder.encode(INTROSPECTION_SECRET, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));

    static Coordinates db;
    static TestDatabase sql;
    static Replica a;
    static Replica b;
    static int listenerOfA;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        db = DatabaseCoordinates.current().freshDatabase("user_service_revocation");
        sql = new TestDatabase(db.dataSource());
        a = Replica.start("replica-a", environment());
        a.firstTokenCheck(ADMIN, ADMIN_PASSWORD);
        a.awaitCacheInUse();
        // both replicas' listeners have one application_name: B's is the one that is not A's
        listenerOfA = ((Number) sql.row(ListenerKill.LISTENERS, ListenerKill.APPLICATION_NAME).get("pid")).intValue();
        b = Replica.start("replica-b", environment());
        b.firstTokenCheck(ADMIN, ADMIN_PASSWORD);
    }

    @BeforeEach
    void bothListen() {
        a.awaitCacheInUse();
        b.awaitCacheInUse();
    }

    @AfterAll
    static void stop() throws Exception {
        System.out.println("[RevocationAcrossReplicasIT] ms from each change to B's first refusal: " + WINDOWS);
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aPasswordChangeOnAEndsTheTokenOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        refusedOnB("password change on A", tokens.access(), "/users/me", 401, () -> a.call("PUT", "/users/me/password",
                tokens.access(), "application/json",
                "{\"currentPassword\": \"%s\", \"newPassword\": \"a newer passphrase\"}".formatted(PASSWORD), 204));
    }

    @Test
    void aDemotionOnAEndsTheAdminRoleOnB() throws Exception {
        Tokens boss = a.login(ADMIN, ADMIN_PASSWORD);
        String email = uniqueEmail();
        int id = a.register(email, PASSWORD);
        a.call("PATCH", "/users/" + id, boss.access(), MERGE_PATCH, "{\"role\": \"admin\"}", 200);
        Tokens promoted = a.login(email, PASSWORD);
        refusedOnB("demotion on A", promoted.access(), "/users?limit=1", 403,
                () -> a.call("PATCH", "/users/" + id, boss.access(), MERGE_PATCH, "{\"role\": \"user\"}", 200));
        assertThat(b.get("/users/me", promoted.access())).as("a demotion leaves the token valid for a user").isEqualTo(200);
    }

    @Test
    void aDeletionOnAEndsTheTokenOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        refusedOnB("deletion on A", tokens.access(), "/users/me", 401,
                () -> a.call("DELETE", "/users/me", tokens.access(), null, null, 204));
    }

    @Test
    void aLogoutOnAEndsTheSessionsTokenOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        refusedOnB("logout on A", tokens.access(), "/users/me", 401, () -> a.logout(tokens.refresh()));
    }

    @Test
    void aLogoutOnAIsSeenByTheNextIntrospectionOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        inactiveOnB("logout on A, introspected on B", tokens.access(), () -> a.logout(tokens.refresh()));
    }

    @Test
    void aPasswordChangeOnAIsSeenByTheNextIntrospectionOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        inactiveOnB("password change on A, introspected on B", tokens.access(), () -> a.call("PUT",
                "/users/me/password", tokens.access(), "application/json",
                "{\"currentPassword\": \"%s\", \"newPassword\": \"a newer passphrase\"}".formatted(PASSWORD), 204));
    }

    @Test
    void aTokenCutOffMovedInSqlEndsTheTokenOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        int id = tokens.accountId();
        refusedOnB("password_changed_at moved in SQL", tokens.access(), "/users/me", 401, () -> assertThat(
                sql.execute(REVOKE_IN_SQL, id)).isOne());
    }

    @Test
    void aSessionDeletedInSqlEndsItsTokenOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        refusedOnB("session deleted in SQL", tokens.access(), "/users/me", 401,
                () -> assertThat(sql.execute("DELETE FROM refresh_sessions WHERE id = ?", tokens.sessionId())).isOne());
    }

    @Test
    void aDisableOnAEndsTheTokenOnB() throws Exception {
        Tokens boss = a.login(ADMIN, ADMIN_PASSWORD);
        Tokens tokens = newAccountOnA();
        refusedOnB("account disabled on A", tokens.access(), "/users/me", 401, () -> a.call("PATCH",
                "/users/" + tokens.accountId(), boss.access(), MERGE_PATCH, "{\"disabled\": true}", 200));
        assertThat(b.refresh(tokens.refresh())).as("B refuses its refresh token").isNull();
    }

    @Test
    void anAccountDisabledInSqlLosesItsTokenOnB() throws Exception {
        Tokens tokens = newAccountOnA();
        refusedOnB("disabled_at set in SQL", tokens.access(), "/users/me", 401, () -> assertThat(
                sql.execute("UPDATE users SET disabled_at = now() WHERE id = ?", tokens.accountId())).isOne());
    }

    /**
     * The grace window of a rotation is in PostgreSQL: a client whose refresh answer from A was lost retries on B, within
     * the window, and B hands out the very successor A issued; both answers work on either replica. Past the window
     * (dated back in SQL), the same retry on B is a reuse and ends the session everywhere.
     */
    @Test
    void aRefreshRetriedOnBWithinTheWindowGetsTheSuccessorAIssued() throws Exception {
        Tokens login = newAccountOnA();
        Tokens rotatedOnA = a.refresh(login.refresh());
        Tokens retriedOnB = b.refresh(login.refresh());

        assertThat(retriedOnB).as("B answers the retry").isNotNull();
        assertThat(retriedOnB.refresh()).as("the successor A issued").isEqualTo(rotatedOnA.refresh());
        assertThat(retriedOnB.sessionId()).isEqualTo(login.sessionId());
        assertThat(b.get("/users/me", retriedOnB.access())).isEqualTo(200);
        assertThat(a.get("/users/me", rotatedOnA.access())).isEqualTo(200);
        Tokens next = b.refresh(retriedOnB.refresh());
        assertThat(next).as("the successor goes on, on B").isNotNull();

        sql.execute("UPDATE refresh_tokens SET rotated_at = rotated_at - interval '1 minute' WHERE session_id = ?",
                login.sessionId());
        assertThat(b.refresh(rotatedOnA.refresh())).as("past the window: a reuse").isNull();
        assertThat(a.refresh(next.refresh())).as("the session ended for A too").isNull();
        assertThat(sql.count("SELECT count(*) FROM refresh_sessions WHERE id = ?", login.sessionId())).isZero();
    }

    @Test
    void failuresSplitOverBothReplicasLockTheLoginOnEither() throws Exception {
        String email = uniqueEmail();
        a.register(email, PASSWORD);
        String wrongAnswer = null;
        for (Replica replica : List.of(a, b, a, b, a)) {
            HttpResponse<String> wrong = replica.attemptLogin(email, "a wrong guess");
            assertThat(wrong.statusCode()).as("%s: a wrong password: %s", replica.name, wrong.body()).isEqualTo(401);
            wrongAnswer = wrong.body();
        }
        for (Replica replica : List.of(b, a)) {
            HttpResponse<String> right = replica.attemptLogin(email, PASSWORD);
            assertThat(right.statusCode()).as("%s: the right password after 5 failures, 3 on A and 2 on B: %s",
                    replica.name, right.body()).isEqualTo(401);
            assertThat(right.body()).as("a lock answers as a wrong password").isEqualTo(wrongAnswer);
        }
        assertThat(sql.row("SELECT failures FROM login_throttle WHERE email_key = ? AND client <> '*'", email.toLowerCase())
                .get("failures")).as("one count for both replicas").isEqualTo(5);
    }

    @Test
    void whileBDoesNotListenAChangeInSqlCountsOnBAtOnce() throws Exception {
        String email = uniqueEmail();
        int id = a.register(email, PASSWORD);
        Tokens tokens = a.login(email, PASSWORD);
        b.assertCached("listener killed", tokens.access(), "/users/me");

        await("B's cache bypassed once its listener is killed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    ListenerKill.killAllBut(db, listenerOfA);
                    return b.cacheTrusted() == 0;
                });
        double bypasses = b.cacheBypasses();
        // killed again in the same breath: should B have listened again already, this change is not announced to it
        long changed = ListenerKill.killAllButThenUpdate(db, listenerOfA, REVOKE_IN_SQL, id);
        assertThat(b.get("/users/me", tokens.access())).as("B, the very next request after the change").isEqualTo(401);
        String how = b.cacheBypasses() > bypasses ? "bypassing the cache" : "after emptying the cache, listening again";
        long back = await("B listens again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> b.cacheTrusted() == 1 ? System.nanoTime() : 0, at -> at > 0);
        System.out.printf("[RevocationAcrossReplicasIT] listener killed: B refused at once (%s); its cache trusted again "
                + "%d ms after the change%n", how, (back - changed) / 1_000_000);
    }

    private interface Change {
        void run() throws Exception;
    }

    /** B's cache answers for the token; then the change; then B refuses it within {@link #REVOCATION}. */
    private static void refusedOnB(String label, String token, String path, int refusal, Change change) throws Exception {
        b.assertCached(label, token, path);
        change.run();
        long window = b.awaitRefusal(label, token, path, refusal, System.nanoTime(), REVOCATION).toMillis();
        WINDOWS.put(label, window);
        System.out.printf("[RevocationAcrossReplicasIT] %s: B answered %d %d ms after the change%n", label, refusal, window);
    }

    /**
     * B's introspection answers active from its cache (its hits grow); then the change on A; then B's introspection
     * says inactive within {@link #REVOCATION}, as its token check would.
     */
    private static void inactiveOnB(String label, String token, Change change) throws Exception {
        double hits = b.cacheHits();
        for (int i = 0; i < 5; i++) {
            assertThat(b.introspect(INTROSPECTION_CLIENT, token)).as("%s: active before the change", label).isTrue();
        }
        assertThat(b.cacheHits() - hits).as("%s: of B's 5 introspections, cache hits (the first reads the database)", label)
                .isGreaterThanOrEqualTo(3);
        change.run();
        long changed = System.nanoTime();
        long inactive = await(label + ": B's introspection says inactive").atMost(REVOCATION).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> b.introspect(INTROSPECTION_CLIENT, token) ? 0L : System.nanoTime(), at -> at > 0);
        long window = (inactive - changed) / 1_000_000;
        WINDOWS.put(label, window);
        System.out.printf("[RevocationAcrossReplicasIT] %s: inactive %d ms after the change%n", label, window);
    }

    private static Tokens newAccountOnA() throws Exception {
        String email = uniqueEmail();
        a.register(email, PASSWORD);
        return a.login(email, PASSWORD);
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        env.put("USERS_BOOTSTRAP_ADMIN_EMAIL", ADMIN);
        env.put("USERS_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the lock must outlast the test's two logins with the right password (the default's 2 s, a loaded machine not)
        env.put("USERS_LOGIN_THROTTLE_FIRST_LOCK", "1m");
        env.put("USERS_INTROSPECTION_CLIENTS", "gateway:" + INTROSPECTION_SECRET);
        return env;
    }
}
