package com.ecommerce.users.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.api.MigrationVersion;

/**
 * The versions of every migration the project holds, SQL (src/main/resources/db/migration) and Java
 * (src/main/java/db/migration), in Flyway's order: what a migrated database's history must list, with no list to keep
 * by hand beside the migrations.
 */
public final class Migrations {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9_]+)__.+\\.(sql|java)");

    private Migrations() {
    }

    public static List<String> versions() {
        try (Stream<Path> sql = Files.list(Path.of("src/main/resources/db/migration"));
                Stream<Path> java = Files.list(Path.of("src/main/java/db/migration"))) {
            return Stream.concat(sql, java).map(path -> VERSIONED.matcher(path.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> m.group(1).replace('_', '.')).distinct()
                    .sorted(Comparator.comparing(MigrationVersion::fromVersion)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
