package com.ecommerce.users.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Agroal throws when no connection can be had in time, as Hibernate wraps it (no SQLState, so a generic JDBC
 * exception): each is a database outage, answered 503, not an unexpected error. DatabaseOutageIT meets them for real.
 */
class DatabaseUnavailableTests {

    @ParameterizedTest
    @ValueSource(strings = { "Sorry, acquisition timeout!", "Acquisition timeout while waiting for new connection",
            "Acquisition timeout on health check" })
    void agroalAcquisitionTimeoutsAreOutages(String agroalMessage) {
        SQLException agroal = new SQLException(agroalMessage, new TimeoutException());
        GenericJDBCException hibernate = new GenericJDBCException("Unable to acquire JDBC Connection [" + agroalMessage + "]", agroal);

        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(hibernate)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "syntax error at or near \"selec\"|42601",
            "value too long for type character varying(50)|22001" })
    void otherSqlErrorsAreNot(String message, String sqlState) {
        assertThat(ProblemExceptionMappers.isDatabaseUnavailable(
                new GenericJDBCException("could not execute statement", new SQLException(message, sqlState)))).isFalse();
    }
}
