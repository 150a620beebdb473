package com.ecommerce.users.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The README's curl tour, as written there: the {@code shell} blocks of its "Tour" section run one after the other
 * with {@code bash -euo pipefail} against this test instance. The first block's variables (where the service is, the
 * dev-mode admin) are replaced by this instance's; everything else runs as pasted, so a tour command that no longer
 * works fails this test.
 */
@QuarkusTest
class ReadmeTourTests {

    private static final Path README = Path.of("README.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final Pattern SECTION = Pattern.compile("(?ms)^## Tour\\n(.*?)(?=^## |\\z)");
    private static final Pattern SHELL_BLOCK = Pattern.compile("(?ms)^```shell\\n(.*?)^```$");

    @Test
    void theTourRunsAsWritten() throws IOException, InterruptedException {
        String tour = tour();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("BASE", "http://localhost:" + RestAssured.port);
        overrides.put("ADMIN_EMAIL", config("users.bootstrap-admin.email"));
        overrides.put("ADMIN_PASSWORD", config("users.bootstrap-admin.password"));
        for (Map.Entry<String, String> variable : overrides.entrySet()) {
            Matcher assignment = Pattern.compile("(?m)^" + variable.getKey() + "=.*$").matcher(tour);
            assertTrue(assignment.find(), "the tour sets " + variable.getKey() + " on a line of its own");
            tour = assignment.replaceFirst(Matcher.quoteReplacement(variable.getKey() + "=" + quoted(variable.getValue())));
        }
        assertFalse(tour.contains("localhost:8080"), "every command goes through $BASE");

        Path script = Files.createTempFile("readme-tour", ".sh");
        Path output = Files.createTempFile("readme-tour", ".out");
        try {
            Files.writeString(script, tour, StandardCharsets.UTF_8);
            Process bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = bash.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                bash.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(finished, "the tour finished within 2 minutes:\n" + log);
            assertEquals(0, bash.exitValue(), "the tour ran without a failed command:\n" + tour + "\n---\n" + log);
            assertTrue(log.contains("HTTP/1.1 201"), "the registration answered 201:\n" + log);
            assertTrue(log.contains("\"name\":\"Ada King\""), "the account was renamed:\n" + log);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(output);
        }
    }

    @Test
    void theTourNamesTheDevModeAdmin() throws IOException {
        String tour = tour();
        String properties = Files.readString(PROPERTIES, StandardCharsets.UTF_8);
        Matcher email = Pattern.compile("(?m)^%dev\\.users\\.bootstrap-admin\\.email=(.*)$").matcher(properties);
        Matcher password = Pattern.compile("(?m)^%dev\\.users\\.bootstrap-admin\\.password=(.*)$").matcher(properties);
        assertTrue(email.find() && password.find(), "application.properties configures a dev-mode admin");
        assertTrue(tour.contains("\nADMIN_EMAIL=" + email.group(1) + "\n"), "the tour logs in as the dev-mode admin");
        assertTrue(tour.contains("\nADMIN_PASSWORD=" + password.group(1) + "\n"), "with its password");
        assertTrue(tour.contains("BASE=http://localhost:8080\n"), "against dev mode's address");
        for (String line : tour.split("\n")) {
            if (line.contains("curl ")) {
                assertTrue(line.contains("curl -fsS"), "every curl of the tour fails on an error status: " + line);
            }
        }
    }

    /** The shell blocks of the README's "Tour" section, in order, as one script. */
    private static String tour() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher section = SECTION.matcher(readme);
        assertTrue(section.find(), "the README has a \"## Tour\" section");
        List<String> blocks = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(section.group(1));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertFalse(blocks.isEmpty(), "the tour has ```shell blocks");
        return "\n" + String.join("\n", blocks);
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    /** A single-quoted shell word. */
    private static String quoted(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}
