package com.ecommerce.users.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.MarkdownBlocks;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The checks docs/migrating-from-fastapi.md gives an operator before switching, run as written on a database as the
 * FastAPI app left it, with the two kinds of row that stop V2: they find exactly those rows.
 */
@QuarkusTest
class AdoptionChecksTests {

    @Test
    void theDocumentedChecksFindTheRowsV2Refuses() throws Exception {
        String sql = MarkdownBlocks.of(Path.of("docs", "migrating-from-fastapi.md"), "Adopting a seed database", "sql")
                .getFirst().text();
        String[] checks = sql.replaceAll("(?m)^--.*$", "").split(";");
        assertThat(checks).hasSize(3);
        assertThat(checks[2]).isBlank();

        String url = SeedDatabase.createScratchDatabase("_adoption_checks");
        try (Connection seed = DriverManager.getConnection(url, config("quarkus.datasource.username"),
                config("quarkus.datasource.password")); Statement statement = seed.createStatement()) {
            statement.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(50), email VARCHAR(255) UNIQUE, "
                    + "password VARCHAR(255))");
            statement.execute("INSERT INTO users (id, name, email, password) VALUES (1, 'One', 'one@seed.example', 'x'), "
                    + "(2, 'Two', 'Twin@Seed.example', 'x'), (3, 'Three', 'twin@seed.example', 'x'), "
                    + "(4, NULL, 'four@seed.example', 'x'), (5, 'Five', 'five@seed.example', NULL)");

            assertThat(rows(statement, checks[0])).as("the emails registered twice in different letter case")
                    .containsExactly("twin@seed.example 2 {2,3}");
            assertThat(rows(statement, checks[1])).as("the rows missing a required value").containsExactlyInAnyOrder("4", "5");
        }
    }

    private static List<String> rows(Statement statement, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse("");
    }
}
