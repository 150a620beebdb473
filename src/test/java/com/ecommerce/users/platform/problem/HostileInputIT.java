package com.ecommerce.users.platform.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import com.ecommerce.users.support.DatabaseCoordinates;
import com.ecommerce.users.support.ProductionAuth;
import com.ecommerce.users.support.TestKeys;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.smallrye.jwt.util.KeyUtils;

/** The hostile requests again, on the packaged application, whose database and key this JVM reaches from outside. */
@QuarkusIntegrationTest
@WithTestResource(ProductionAuth.class)
@WithTestResource(DatabaseCoordinates.class)
class HostileInputIT extends HostileInputTests {

    @Override
    protected DataSource dataSource() {
        DatabaseCoordinates.Coordinates db = DatabaseCoordinates.current();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl());
        dataSource.setUser(db.username());
        dataSource.setPassword(db.password());
        return dataSource;
    }

    /** The key file ProductionAuth hands to the packaged application. */
    @Override
    protected PrivateKey signingKey() {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(TestKeys.signingKeyFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
