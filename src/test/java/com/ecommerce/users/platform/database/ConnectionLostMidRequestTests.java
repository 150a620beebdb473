package com.ecommerce.users.platform.database;

import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.PROBLEM_JSON;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.ecommerce.users.support.TestDatabase;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The database drops the connection while a registration writes: in the INSERT itself, or in the COMMIT, where the
 * outcome is unknown to the service. Either way the client is told the database is unavailable (503, Retry-After),
 * never a 500: a retry then succeeds, or finds the email taken. The connection is ended by the server
 * (pg_terminate_backend from a trigger, as a failover or an administrator would), for one marked name only.
 */
@QuarkusTest
class ConnectionLostMidRequestTests {

    private static final String NAME = "Connection Killer";

    @Inject
    DataSource dataSource;

    @AfterEach
    void dropTriggers() {
        db().execute("DROP TRIGGER IF EXISTS test_kill_in_insert ON users");
        db().execute("DROP TRIGGER IF EXISTS test_kill_at_commit ON users");
        db().execute("DROP FUNCTION IF EXISTS test_kill_connection()");
    }

    @ParameterizedTest
    @ValueSource(strings = { "in-insert", "at-commit" })
    void aConnectionLostWhileWritingIsAnOutageNotAnError(String when) {
        db().execute("""
                CREATE FUNCTION test_kill_connection() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.name = '%s' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
                    RETURN NEW;
                END $$""".formatted(NAME));
        db().execute(when.equals("in-insert")
                ? "CREATE TRIGGER test_kill_in_insert BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION test_kill_connection()"
                : "CREATE CONSTRAINT TRIGGER test_kill_at_commit AFTER INSERT ON users DEFERRABLE INITIALLY DEFERRED "
                        + "FOR EACH ROW EXECUTE FUNCTION test_kill_connection()");
        String email = uniqueEmail();

        register(NAME, email, PASSWORD)
                .statusCode(503)
                .contentType(PROBLEM_JSON)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:problem:user-service:database-unavailable"));

        assertThat(db().count("SELECT count(*) FROM users WHERE email = ?", email)).as("the write was not kept").isZero();
        dropTriggers();
        register("After", uniqueEmail(), PASSWORD).statusCode(201); // the pool recovers at once
    }

    private TestDatabase db() {
        return new TestDatabase(dataSource);
    }
}
