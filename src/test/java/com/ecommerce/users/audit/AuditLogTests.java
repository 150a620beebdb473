package com.ecommerce.users.audit;

import static com.ecommerce.users.user.UserApi.MERGE_PATCH;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.admin;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.newAccount;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Jwts;
import com.ecommerce.users.support.LogCapture;
import com.ecommerce.users.support.LogCapture.Captured;
import com.ecommerce.users.user.UserApi.Account;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every security-relevant action leaves one line in the audit category, with its fields in the MDC (the JSON logs'
 * mdc object): event, account, actor, client address and request id; never a password, a hash or a token.
 */
@QuarkusTest
class AuditLogTests {

    @Inject
    AuditLog auditLog;

    private static final String CLIENT = "198.51.100.23";

    @Test
    void loginsSucceedingFailingAndLockingAreAudited() {
        Account account = newAccount("Audited login");
        String unknown = uniqueEmail();
        try (LogCapture logs = new LogCapture()) {
            given().header("X-Forwarded-For", CLIENT).header("X-Request-Id", "audit-login-1")
                    .formParam("username", account.email()).formParam("password", PASSWORD)
                    .post("/auth/login").then().statusCode(200);
            for (int i = 0; i < 5; i++) {
                given().header("X-Forwarded-For", CLIENT).formParam("username", account.email())
                        .formParam("password", "wrong " + i).post("/auth/login").then().statusCode(401);
            }
            login(unknown, PASSWORD).statusCode(401);

            List<Captured> audit = logs.records(AuditLog.CATEGORY);
            assertThat(audit).filteredOn(event("login.succeeded")).singleElement().satisfies(line -> {
                assertThat(line.mdc()).containsEntry("accountId", Integer.toString(account.id()))
                        .containsEntry("actorId", Integer.toString(account.id()))
                        .containsEntry("client", CLIENT)
                        .containsEntry("requestId", "audit-login-1");
                assertThat(line.mdc().get("detail")).startsWith("session ");
            });
            assertThat(audit).filteredOn(event("login.failed"))
                    .filteredOn(line -> Integer.toString(account.id()).equals(line.mdc().get("accountId")))
                    .hasSize(5)
                    .allSatisfy(line -> assertThat(line.mdc()).containsEntry("detail", "wrong password")
                            .doesNotContainKey("actorId"));
            assertThat(audit).filteredOn(event("login.locked")).singleElement()
                    .satisfies(line -> assertThat(line.mdc()).containsEntry("accountId", Integer.toString(account.id())));
            assertThat(audit).filteredOn(event("login.failed"))
                    .filteredOn(line -> "unknown address".equals(line.mdc().get("detail")))
                    .singleElement().satisfies(line -> assertThat(line.mdc()).doesNotContainKey("accountId"));
            assertNoSecrets(logs, PASSWORD, account.email(), unknown);
        }
    }

    @Test
    void accountChangesNameTheirActor() {
        Account admin = admin();
        Account account = newAccount("Audited changes");
        try (LogCapture logs = new LogCapture()) {
            admin.auth().contentType(MERGE_PATCH).body("{\"role\": \"admin\"}").patch("/users/" + account.id())
                    .then().statusCode(200);
            account.auth().contentType(MERGE_PATCH)
                    .body("{\"email\": \"%s\", \"currentPassword\": \"%s\"}".formatted(uniqueEmail(), PASSWORD))
                    .patch("/users/me").then().statusCode(200);
            admin.auth().contentType(MERGE_PATCH).body("{\"password\": \"set by the admin\"}")
                    .patch("/users/" + account.id()).then().statusCode(200);
            admin.auth().delete("/users/" + account.id()).then().statusCode(204);

            List<Captured> audit = logs.records(AuditLog.CATEGORY);
            String id = Integer.toString(account.id());
            assertThat(audit).filteredOn(event("role.changed")).singleElement().satisfies(line ->
                    assertThat(line.mdc()).containsEntry("accountId", id)
                            .containsEntry("actorId", Integer.toString(admin.id()))
                            .containsEntry("detail", "user->admin"));
            assertThat(audit).filteredOn(event("email.changed")).singleElement().satisfies(line ->
                    assertThat(line.mdc()).containsEntry("accountId", id).containsEntry("actorId", id));
            assertThat(audit).filteredOn(event("password.changed")).singleElement().satisfies(line ->
                    assertThat(line.mdc()).containsEntry("accountId", id)
                            .containsEntry("actorId", Integer.toString(admin.id())));
            assertThat(audit).filteredOn(event("account.deleted")).singleElement().satisfies(line ->
                    assertThat(line.mdc()).containsEntry("accountId", id)
                            .containsEntry("actorId", Integer.toString(admin.id())));
            assertNoSecrets(logs, PASSWORD, "set by the admin");
        }
    }

    @Test
    void sessionsEndingAndTheAccountsOwnChangesAreAudited() {
        Account account = newAccount("Audited sessions");
        String id = Integer.toString(account.id());
        ExtractableResponse<Response> phone = formLogin(account.email(), PASSWORD);
        ExtractableResponse<Response> laptop = formLogin(account.email(), PASSWORD);
        String laptopSession = (String) Jwts.claims(laptop.path("access_token")).get("sid");
        String newPassword = "a newer audited passphrase";
        try (LogCapture logs = new LogCapture()) {
            from("audit-logout").formParam("refresh_token", phone.<String>path("refresh_token"))
                    .post("/auth/logout").then().statusCode(204);
            from("audit-end-session").auth().oauth2(account.token())
                    .delete("/users/me/sessions/" + laptopSession).then().statusCode(204);
            from("audit-password").auth().oauth2(account.token()).contentType(ContentType.JSON)
                    .body("{\"currentPassword\": \"%s\", \"newPassword\": \"%s\"}".formatted(PASSWORD, newPassword))
                    .put("/users/me/password").then().statusCode(204);
            String token = formLogin(account.email(), newPassword).path("access_token");
            from("audit-delete").auth().oauth2(token).delete("/users/me").then().statusCode(204);

            List<Captured> audit = logs.records(AuditLog.CATEGORY);
            assertThat(audit).filteredOn(event("logout")).singleElement()
                    .satisfies(line -> assertThat(line.mdc()).containsAllEntriesOf(byTheAccount(id, "audit-logout")));
            assertThat(audit).filteredOn(event("session.ended")).singleElement()
                    .satisfies(line -> assertThat(line.mdc()).containsAllEntriesOf(byTheAccount(id, "audit-end-session"))
                            .containsEntry("detail", "session " + laptopSession));
            assertThat(audit).filteredOn(event("password.changed")).singleElement()
                    .satisfies(line -> assertThat(line.mdc()).containsAllEntriesOf(byTheAccount(id, "audit-password")));
            assertThat(audit).filteredOn(event("account.deleted")).singleElement()
                    .satisfies(line -> assertThat(line.mdc()).containsAllEntriesOf(byTheAccount(id, "audit-delete")));
            assertNoSecrets(logs, PASSWORD, newPassword, account.token(), token, phone.path("refresh_token"),
                    phone.path("access_token"), laptop.path("refresh_token"), laptop.path("access_token"));
        }
    }

    @Test
    void theAuditFieldsLeaveTheMdcAsTheyFoundIt() {
        MDC.put("event", "set before");
        try (LogCapture logs = new LogCapture()) {
            auditLog.record(AuditEvent.SESSION_ENDED, 7, 8, "session x");

            assertThat(logs.records(AuditLog.CATEGORY)).singleElement().satisfies(line -> assertThat(line.mdc())
                    .containsEntry("event", "session.ended").containsEntry("accountId", "7")
                    .containsEntry("actorId", "8").doesNotContainKey("client"));
            assertThat(MDC.get("event")).isEqualTo("set before");
            assertThat(MDC.get("accountId")).isNull();
            assertThat(MDC.get("detail")).isNull();
        } finally {
            MDC.remove("event");
        }
    }

    private static RequestSpecification from(String requestId) {
        return given().header("X-Forwarded-For", CLIENT).header("X-Request-Id", requestId);
    }

    private static ExtractableResponse<Response> formLogin(String email, String password) {
        return given().formParam("username", email).formParam("password", password).post("/auth/login")
                .then().statusCode(200).extract();
    }

    /** The fields of an action the account took on itself, from {@link #CLIENT} in request {@code requestId}. */
    private static Map<String, String> byTheAccount(String accountId, String requestId) {
        return Map.of("accountId", accountId, "actorId", accountId, "client", CLIENT, "requestId", requestId);
    }

    private static Predicate<Captured> event(String code) {
        return line -> code.equals(line.mdc().get("event"));
    }

    private static void assertNoSecrets(LogCapture logs, String... secrets) {
        for (Captured line : logs.records(AuditLog.CATEGORY)) {
            for (String secret : secrets) {
                assertThat(line.message()).doesNotContain(secret);
                assertThat(line.mdc().values()).noneMatch(value -> value.contains(secret));
            }
            assertThat(line.message()).doesNotContain("$argon2");
        }
    }

}
