package com.ecommerce.users.accountcache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import com.ecommerce.users.support.DatabaseCoordinates.Coordinates;

/**
 * Ends the account-change listeners' connections of one database (AccountChangeListener's, by its application_name),
 * as a database restart, a failover or an idle-connection killer would. Every replica's listener has the same name, so
 * a test that keeps one replica listening names that one's backend to spare.
 */
final class ListenerKill {

    static final String APPLICATION_NAME = "user-service account-change-listener";
    /** The listeners of the current database: other databases of the server belong to other test runs. */
    static final String LISTENERS = "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()";
    /** Waits (up to 5 s) until each backend has exited, so nothing it would have received reaches its replica. */
    private static final String KILL = "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            + "WHERE application_name = ? AND datname = current_database() AND pid <> ?";

    private ListenerKill() {
    }

    /** Ends every listener's connection to the database but backend {@code spared}'s. */
    static void killAllBut(Coordinates db, int spared) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            killAllBut(connection, spared);
        }
    }

    /**
     * The same, then at once, on the same connection, an update of one row that the killed listeners will therefore
     * never hear of; returns its commit's System.nanoTime.
     */
    static long killAllButThenUpdate(Coordinates db, int spared, String update, int id) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(update)) {
            killAllBut(connection, spared);
            statement.setInt(1, id);
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("no row " + id + " updated: " + update);
            }
            return System.nanoTime();
        }
    }

    private static void killAllBut(Connection connection, int spared) throws SQLException {
        try (PreparedStatement kill = connection.prepareStatement(KILL)) {
            kill.setString(1, APPLICATION_NAME);
            kill.setInt(2, spared);
            kill.executeQuery().close();
        }
    }
}
