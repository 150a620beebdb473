package com.ecommerce.users.accountcache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.AgroalSecurityProvider;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * LISTENs on {@code account_changed} (migration V7's triggers) and evicts each announced account from the cache. The
 * cache is trusted only while this connection is up and the triggers exist; from a failure until it listens again,
 * every lookup reads the database.
 *
 * <p>Plain pgjdbc on a connection of its own, opened with the pool's settings and credentials: a LISTEN lives as long
 * as its connection, which a pool would hand to others and recycle. Agroal and Hibernate offer nothing for
 * notifications, and the reactive PostgreSQL client's subscriber would bring a second client and configuration for this
 * one connection.
 */
@ApplicationScoped
public class AccountChangeListener {

    private static final Logger LOG = Logger.getLogger(AccountChangeListener.class);
    static final String CHANNEL = "account_changed";
    /** The last trigger of V7: without it changes go unannounced, and the cache must not be used. */
    private static final String TRIGGERS_PRESENT = "SELECT count(*) FROM pg_trigger WHERE tgname IN "
            + "('users_account_changed', 'users_account_deleted', 'refresh_sessions_ended', 'refresh_sessions_shortened')";
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final AccountStatusCache cache;
    private final AgroalDataSource dataSource;
    private final AccountCacheConfig config;
    private volatile boolean running;
    private volatile Thread thread;
    private boolean reportedMissingTriggers;

    AccountChangeListener(AccountStatusCache cache, AgroalDataSource dataSource, AccountCacheConfig config) {
        this.cache = cache;
        this.dataSource = dataSource;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Account status cache disabled (users.account-cache.enabled=false): every token check reads the database");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("account-change-listener").start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
        }
        cache.distrust();
    }

    private void run() {
        boolean failedBefore = false;
        while (running) {
            try (Connection connection = connect()) {
                listen(connection);
                failedBefore = false;
            } catch (SQLException | RuntimeException e) {
                cache.distrust();
                if (!failedBefore) { // once per outage: the database's own alerts tell the rest
                    LOG.warnf("Account status cache bypassed: listening for account changes failed (%s); retrying every %s",
                            e.getClass().getName(), RETRY);
                }
                failedBefore = true;
            }
            pause(RETRY);
        }
    }

    /** LISTENs, then trusts the cache and evicts what is announced until the connection fails or the service stops. */
    private void listen(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            if (!triggersPresent(statement)) { // the migration Job has not run yet: look again later
                if (!reportedMissingTriggers) {
                    LOG.warn("Account status cache bypassed until the account_changed triggers (migration V7) exist");
                    reportedMissingTriggers = true;
                }
                pause(config.heartbeat());
                return;
            }
            cache.trust();
            LOG.infof("Account status cache in use: listening for account changes");
            int heartbeat = (int) config.heartbeat().toMillis();
            while (running) {
                PGNotification[] received = notifications.getNotifications(heartbeat);
                if (received == null || received.length == 0) {
                    statement.execute("SELECT 1"); // fails on a dead connection, whose silence would otherwise look quiet
                    continue;
                }
                for (PGNotification notification : received) {
                    evict(notification.getParameter());
                }
            }
        } finally {
            cache.distrust();
        }
    }

    private void evict(String payload) {
        if ("*".equals(payload)) {
            cache.evictAll();
            return;
        }
        try {
            cache.evict(Integer.parseInt(payload));
        } catch (NumberFormatException e) {
            cache.evictAll(); // not from V7's triggers; evicting everything is always safe
        }
    }

    private static boolean triggersPresent(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery(TRIGGERS_PRESENT)) {
            return rows.next() && rows.getInt(1) == 4;
        }
    }

    /** A connection of its own, as the pool would open one: same URL, properties and credentials. */
    private Connection connect() throws SQLException {
        AgroalConnectionFactoryConfiguration factory = dataSource.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration();
        Properties properties = new Properties();
        properties.putAll(factory.jdbcProperties());
        addSecurity(properties, factory, factory.principal());
        factory.credentials().forEach(credential -> addSecurity(properties, factory, credential));
        properties.setProperty("ApplicationName", "user-service account-change-listener");
        properties.setProperty("tcpKeepAlive", "true");
        // a SELECT 1 on a black-holed network fails after this, not after the pool's socketTimeout
        properties.setProperty("socketTimeout", "3");
        Connection connection = new org.postgresql.Driver().connect(factory.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL");
        }
        connection.setAutoCommit(true);
        return connection;
    }

    private static void addSecurity(Properties properties, AgroalConnectionFactoryConfiguration factory, Object secret) {
        if (secret == null) {
            return;
        }
        for (AgroalSecurityProvider provider : factory.securityProviders()) {
            Properties found = provider.getSecurityProperties(secret);
            if (found != null) {
                properties.putAll(found);
                return;
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
