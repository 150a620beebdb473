package com.ecommerce.users.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What Agroal really throws when no connection can be had in time, as Hibernate wraps it (no SQLState, so a generic
 * JDBC exception): each is a database outage, answered 503, not an unexpected error. The pools here are Agroal's own,
 * as Quarkus builds them, so an upgrade that changes the exception types fails here rather than turning outages into
 * 500s; DatabaseOutageIT meets the same failures through the whole application. (A @QuarkusTest only for the
 * database's coordinates, from Dev Services or QUARKUS_DATASOURCE_*.)
 */
@QuarkusTest
class DatabaseUnavailableTests {

    private static final Duration ACQUISITION_TIMEOUT = Duration.ofMillis(300);

    @Test
    void anExhaustedPoolIsAnOutage() throws SQLException {
        try (AgroalDataSource pool = pool(config().getValue("quarkus.datasource.jdbc.url", String.class));
                Connection busy = pool.getConnection()) {
            SQLException agroal = catchThrowableOfType(SQLException.class, pool::getConnection); // "Sorry, acquisition timeout!"

            assertThat(agroal.getClass()).isEqualTo(SQLException.class);
            assertThat(agroal.getSQLState()).isNull();
            assertThat(DatabaseOutages.isOutage(asHibernateWrapsIt(agroal))).isTrue();
        }
    }

    @Test
    void aConnectionThatNeverOpensIsAnOutage() throws SQLException, IOException {
        // accepts TCP connections (the kernel's backlog) and never answers: a black-holed database
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                AgroalDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/users?socketTimeout=2")) {
            SQLException agroal = catchThrowableOfType(SQLException.class, pool::getConnection); // "Acquisition timeout while waiting..."

            assertThat(agroal.getCause()).isInstanceOf(TimeoutException.class);
            assertThat(DatabaseOutages.isOutage(asHibernateWrapsIt(agroal))).isTrue();
        }
    }

    @Test
    void anErrorOfTheDatabaseItselfIsNot() throws SQLException {
        try (AgroalDataSource pool = pool(config().getValue("quarkus.datasource.jdbc.url", String.class));
                Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
            SQLException postgres = catchThrowableOfType(SQLException.class, () -> sql.execute("SELEC 1"));

            assertThat(postgres.getSQLState()).isEqualTo("42601");
            assertThat(DatabaseOutages.isOutage(asHibernateWrapsIt(postgres))).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "syntax error at or near \"selec\"|42601",
            "value too long for type character varying(50)|22001" })
    void otherSqlErrorsAreNot(String message, String sqlState) {
        assertThat(DatabaseOutages.isOutage(
                new GenericJDBCException("could not execute statement", new SQLException(message, sqlState)))).isFalse();
    }

    @Test
    void aDriverSubclassWithoutSqlStateIsNot() {
        assertThat(DatabaseOutages.isOutage(new GenericJDBCException("could not execute statement",
                new SQLDataException("acquisition timeout")))).isFalse(); // the message plays no part
    }

    /** As LogicalConnectionManagedImpl converts a failed acquisition: no SQLState, so a generic exception. */
    private static GenericJDBCException asHibernateWrapsIt(SQLException e) {
        return new GenericJDBCException("Unable to acquire JDBC Connection", e);
    }

    private static AgroalDataSource pool(String jdbcUrl) throws SQLException {
        Config config = config();
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(1).acquisitionTimeout(ACQUISITION_TIMEOUT)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(jdbcUrl)
                                .principal(new NamePrincipal(config.getValue("quarkus.datasource.username", String.class)))
                                .credential(new SimplePassword(config.getOptionalValue("quarkus.datasource.password", String.class)
                                        .orElse(""))))));
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
