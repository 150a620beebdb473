package com.ecommerce.users.platform.database;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Flyway serialises concurrent migrators (replicas in start-up migration mode, a re-run Job) with a PostgreSQL
 * advisory lock. By default it holds that lock in a transaction that stays open for the whole run; a
 * {@code CREATE INDEX CONCURRENTLY} (V6) waits for every older transaction of the database to end, that one included,
 * and so would wait forever (flyway/flyway#3508, #3682). A session lock ({@code flyway.postgresql.transactional.lock=false})
 * serialises the migrators just as well and keeps no transaction open; the session's end releases it, as a crash would.
 */
@ApplicationScoped
public class FlywaySessionLock implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}
