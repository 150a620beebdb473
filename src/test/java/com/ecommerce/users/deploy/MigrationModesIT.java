package com.ecommerce.users.deploy;

import static com.ecommerce.users.deploy.PodChecks.container;
import static com.ecommerce.users.deploy.PodChecks.literalEnv;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.json;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.Migrations;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * Both migration modes, run as Kubernetes would run them: the packaged jar started with the literal environment of
 * the migration Job and of the Deployment taken from target/kubernetes/kubernetes.yml (the Secrets replaced by this
 * test's database and key), each on a database of its own that starts empty.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class MigrationModesIT {

    static final Duration START = Duration.ofSeconds(90);

    static Map<String, String> jobEnv;
    static Map<String, String> deploymentEnv;

    @BeforeAll
    static void readManifests() throws IOException {
        List<HasMetadata> resources = Manifests.load(KubernetesManifestsIT.MANIFESTS);
        jobEnv = literalEnv(container(Manifests.one(resources, Job.class).getSpec().getTemplate().getSpec(), "migrate"));
        deploymentEnv = new HashMap<>(literalEnv(container(
                Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(), "user-service")));
        // the mounted Secret, here a file of this test
        deploymentEnv.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
    }

    @Test
    void theJobMigratesAnEmptyDatabaseAndExitsThenTheDeploymentServesOnIt() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase("user_service_k8s_job");

        try (PackagedApp job = PackagedApp.start("migration-job", with(jobEnv, db))) {
            assertThat(job.awaitExit(START)).as(job.output()).isZero();
        }
        assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.versions());

        try (PackagedApp pod = PackagedApp.start("migrated-pod", with(deploymentEnv, db))) {
            pod.awaitReady(START);
            given().baseUri(pod.baseUri()).contentType(ContentType.JSON).body(json("Pod", uniqueEmail(), PASSWORD))
                    .post("/users").then().statusCode(201);
        }
        // a re-run (a Job re-created by a re-apply, a retried pod) finds nothing to do and succeeds
        try (PackagedApp again = PackagedApp.start("migration-job-again", with(jobEnv, db))) {
            assertThat(again.awaitExit(START)).as(again.output()).isZero();
        }
        assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.versions());
        assertThat(count(db, "SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void aPodOfTheDeploymentNeverRunsOnAnUnmigratedDatabase() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase("user_service_k8s_unmigrated");
        try (PackagedApp pod = PackagedApp.start("unmigrated-pod", with(deploymentEnv, db))) {
            // Hibernate validates the schema at start: the pod fails instead of serving on a schema it does not know
            assertThat(pod.awaitExit(START)).isNotZero();
            assertThat(pod.output()).contains("users");
        }
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }

    @Test
    void inStartupModeThePodMigratesItself() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase("user_service_k8s_startup");
        Map<String, String> env = new HashMap<>(deploymentEnv);
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true"); // what the chart sets for migration.mode=startup
        try (PackagedApp pod = PackagedApp.start("startup-mode-pod", with(env, db))) {
            pod.awaitReady(START);
            given().baseUri(pod.baseUri()).contentType(ContentType.JSON).body(json("Startup", uniqueEmail(), PASSWORD))
                    .post("/users").then().statusCode(201);
        }
        assertThat(appliedMigrations(db)).containsExactlyElementsOf(Migrations.versions());
    }

    private static Map<String, String> with(Map<String, String> env, Coordinates db) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(db.environment());
        return all;
    }

    private static List<String> appliedMigrations(Coordinates db) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static long count(Coordinates db, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement sql = c.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
