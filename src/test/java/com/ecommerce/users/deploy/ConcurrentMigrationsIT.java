package com.ecommerce.users.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;
import com.ecommerce.users.support.Migrations;
import com.ecommerce.users.support.PackagedApp;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.Slow;
import com.ecommerce.users.support.TestKeys;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Replicas starting together on an empty database in start-up migration mode (the chart's migration.mode=startup):
 * Flyway's lock in PostgreSQL serialises them, so every one becomes ready and each migration is applied once.
 */
@Slow
@QuarkusIntegrationTest
@WithTestResource(DatabaseCoordinates.class)
@WithTestResource(ProductionAuth.class)
class ConcurrentMigrationsIT {

    private static final String DATABASE = "user_service_concurrent_migrations";
    private static final int REPLICAS = 3;

    @Test
    void threeInstancesStartedTogetherOnAnEmptyDatabaseAllBecomeReadyAndMigrateOnce() throws Exception {
        Coordinates db = DatabaseCoordinates.current().freshDatabase(DATABASE);
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        env.put("USERS_JWT_SIGNING_KEY_LOCATION", TestKeys.signingKeyFile());
        List<PackagedApp> replicas = new ArrayList<>();
        try {
            for (int i = 0; i < REPLICAS; i++) {
                replicas.add(PackagedApp.start("concurrent-migration-" + i, env));
            }
            for (PackagedApp replica : replicas) {
                replica.awaitReady(Duration.ofSeconds(120));
            }
        } finally {
            for (PackagedApp replica : replicas) {
                replica.close();
            }
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT version, count(*) FROM flyway_schema_history "
                        + "WHERE version IS NOT NULL GROUP BY version ORDER BY min(installed_rank)")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getLong(2)).as("records of migration " + rs.getString(1)).isEqualTo(1);
                applied.add(rs.getString(1));
            }
            assertThat(applied).containsExactlyElementsOf(Migrations.versions());
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE NOT success")) {
            rs.next();
            assertThat(rs.getLong(1)).as("failed migrations").isZero();
        }
    }
}
