package com.ecommerce.users.migration;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestDatabase;
import com.ecommerce.users.user.UserApi;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Points the service at a database the FastAPI app made and checks that every account survives the adoption. */
@Slow
@QuarkusTest
@TestProfile(SeedAdoptionTests.Seeded.class)
class SeedAdoptionTests {

    public static class Seeded implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SeedDatabase.class));
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    PasswordHasher passwords;

    @Test
    void baselinesAtVersionOneAndRunsOnlyTheLaterMigrations() {
        List<Map<String, Object>> history = db().rows("SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank");
        assertThat(history).extracting(row -> row.get("version"), row -> row.get("type"))
                .startsWith(org.assertj.core.groups.Tuple.tuple("1", "BASELINE"), org.assertj.core.groups.Tuple.tuple("2", "SQL"));
        assertThat(history).allMatch(row -> Boolean.TRUE.equals(row.get("success")));
        assertThat(db().count("SELECT count(*) FROM alembic_version")).as("the FastAPI app's tables are left alone").isEqualTo(1);
    }

    @Test
    void everySeedAccountKeepsItsDataAndItsPassword() {
        UserApi.Account admin = UserApi.admin();
        for (Object[] seed : SeedDatabase.USERS) {
            Map<String, Object> row = db().user((Integer) seed[0]);
            assertThat(row.get("name")).isEqualTo(seed[1]);
            assertThat(row.get("email")).isEqualTo(seed[2]);
            assertThat(row.get("password")).as("hash untouched by the migration").isEqualTo(seed[4]);
            assertThat(row.get("role")).isEqualTo("user");
            assertThat(passwords.verify((String) seed[3], (String) row.get("password"))).isTrue();
            assertThat(passwords.verify("wrong password", (String) row.get("password"))).isFalse();

            admin.auth().get("/users/" + seed[0]).then().statusCode(200)
                    .body("email", equalTo(seed[2])).body("name", equalTo(seed[1]));
        }
    }

    @Test
    void newAccountsContinueTheSeedSequenceAndRespectItsEmails() {
        register("Newcomer", "TWO@seed.example", PASSWORD).statusCode(409).contentType(PROBLEM_JSON);
        int id = register("Newcomer", "newcomer-" + System.nanoTime() + "@seed.example", PASSWORD)
                .statusCode(201).extract().path("id");
        assertThat(id).isGreaterThan(6);
    }

    @Test
    void seedAccountsLogInAndTheirHashesAreUpgradedOnTheWay() {
        Object[] seed = SeedDatabase.LOGIN_USER;
        String before = (String) db().user((Integer) seed[0]).get("password");

        String token = UserApi.token((String) seed[2], (String) seed[3]);

        Map<String, Object> after = db().user((Integer) seed[0]);
        String upgraded = (String) after.get("password");
        assertThat(before).startsWith("$argon2id$v=19$m=102400,t=2,p=8$");
        assertThat(upgraded).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(before);
        assertThat(passwords.needsRehash(upgraded)).isFalse();
        assertThat(passwords.verify((String) seed[3], upgraded)).isTrue();
        assertThat(after.get("version")).as("an upgrade is invisible to clients").isEqualTo(0L);
        given().auth().oauth2(token).get("/users/me").then().statusCode(200).body("id", equalTo(seed[0]));
        UserApi.token((String) seed[2], (String) seed[3]); // and the upgraded hash logs in too
    }

    @Test
    void anAccountWithOrdersCannotBeDeleted() {
        UserApi.admin().auth().delete("/users/2").then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:problem:user-service:user-in-use"));
        assertThat(db().count("SELECT count(*) FROM users WHERE id = 2")).isEqualTo(1);
    }

    @Test
    void caseDuplicateEmailsStopTheMigrationBeforeItChangesAnything() throws Exception {
        String url = SeedDatabase.createScratchDatabase("_seed_duplicates");
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(50), email VARCHAR(255) UNIQUE, password VARCHAR(255))");
            sql.execute("INSERT INTO users (name, email, password) VALUES ('a', 'dup@x.example', 'h1'), ('b', 'DUP@x.example', 'h2')");
        }
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("1").load();

        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("registered more than once in different letter case");

        try (Connection c = DriverManager.getConnection(url, user, password); Statement sql = c.createStatement();
                var rs = sql.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("V2 rolled back as a whole").isEqualTo(4);
        }
    }

    @Test
    void anAdoptedAddressTodaysRulesRefuseKeepsLoggingInUnderItsOwnKey() {
        Object[] seed = SeedDatabase.REFUSED_ADDRESS_USER;
        assertThat(db().row("SELECT email, email_canonical FROM users WHERE id = ?", seed[0]))
                .containsEntry("email", seed[2]).containsEntry("email_canonical", "jörg@seed.example");

        String token = UserApi.token((String) seed[2], (String) seed[3]);
        given().auth().oauth2(token).get("/users/me").then().statusCode(200).body("email", equalTo(seed[2]));
        UserApi.token("JÖRG@SEED.EXAMPLE", (String) seed[3]); // its letter case never mattered
        register("Newcomer", "jorg@seed.example", PASSWORD).statusCode(201); // another address, not a spelling of it
    }

    @Test
    void addressesThatCollideUnderTheCanonicalFormStopTheMigrationNamingTheAccounts() throws Exception {
        String url = SeedDatabase.createScratchDatabase("_seed_spellings");
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(50), email VARCHAR(255) UNIQUE, password VARCHAR(255))");
            // lower() told these apart (V2 took them); the canonical form does not
            sql.execute("INSERT INTO users (name, email, password) VALUES ('a', 'ada@x.example', 'h1'), ('b', 'j@x.example', 'h2'), "
                    + "('c', 'ａｄａ@x.example', 'h3'), ('d', ' j@x.example', 'h4'), ('e', 'other@x.example', 'h5')");
        }
        // V6 builds its index CONCURRENTLY: Flyway's lock must not hold a transaction open (database.FlywaySessionLock)
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("1")
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load();

        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class).rootCause()
                .hasMessageContaining("2 email address(es) belong to more than one account")
                .hasMessageContaining("[1, 3]; [2, 4]")
                .hasMessageNotContaining("ada@");

        try (Connection c = DriverManager.getConnection(url, user, password); Statement sql = c.createStatement();
                var rs = sql.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                        + "AND column_name = 'email_canonical'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("V8 rolled back as a whole").isZero();
        }
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
