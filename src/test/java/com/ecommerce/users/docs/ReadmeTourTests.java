package com.ecommerce.users.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Mailbox;
import com.ecommerce.users.support.MarkdownBlocks;
import com.ecommerce.users.support.MarkdownBlocks.Block;
import com.ecommerce.users.support.ShellSession;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The README's curl tour and its mail section, as written there: their {@code shell} blocks run one after the other in
 * one {@code bash -euo pipefail} against this test instance. Where the service is and the dev-mode admin are this
 * instance's; the tokens a reader copies from the mails come from the test's SMTP server; everything else runs as
 * pasted, so a command that no longer works fails this test.
 */
@QuarkusTest
class ReadmeTourTests {

    static final Path README = Path.of("README.md");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");
    static final String TOUR = "Tour";
    static final String MAIL = "Email verification and password recovery";

    @Test
    void theTourAndTheMailSectionRunAsWritten() {
        List<Block> tour = MarkdownBlocks.of(README, TOUR, "shell");
        List<Block> mail = MarkdownBlocks.of(README, MAIL, "shell");
        assertThat(mail).hasSize(2);
        try (ShellSession shell = new ShellSession(Path.of("."))) {
            shell.run(DocExamples.assigning(tour.getFirst().text(), "BASE", "http://localhost:" + RestAssured.port,
                    "ADMIN_EMAIL", config("users.bootstrap-admin.email"),
                    "ADMIN_PASSWORD", config("users.bootstrap-admin.password")));
            tour.stream().skip(1).forEach(block -> shell.run(block.text()));
            assertThat(shell.transcript()).contains("HTTP/1.1 201").contains("\"name\":\"Ada King\"");

            String address = shell.value("NEW_EMAIL");
            shell.run(DocExamples.assigning(mail.get(0).text(), "LINK_TOKEN", Mailbox.awaitToken(address, 1)));
            shell.run(DocExamples.assigning(mail.get(1).text(), "RESET_TOKEN", Mailbox.awaitResetToken(address, 1)));
            assertThat(shell.transcript()).as("verified, reset link asked for, reset, then logged in with the new password")
                    .containsSubsequence("HTTP/1.1 204", "HTTP/1.1 202", "HTTP/1.1 204", "\"access_token\":\"");
        }
    }

    @Test
    void theTourNamesTheDevModeAdminAndFailsOnAnErrorStatus() throws IOException {
        String first = MarkdownBlocks.of(README, TOUR, "shell").getFirst().text();
        String properties = Files.readString(PROPERTIES, StandardCharsets.UTF_8);
        Matcher email = Pattern.compile("(?m)^%dev\\.users\\.bootstrap-admin\\.email=(.*)$").matcher(properties);
        Matcher password = Pattern.compile("(?m)^%dev\\.users\\.bootstrap-admin\\.password=(.*)$").matcher(properties);
        assertThat(email.find() && password.find()).as("application.properties configures a dev-mode admin").isTrue();
        assertThat(first).as("the tour logs in as the dev-mode admin, against dev mode's address")
                .contains("\nADMIN_EMAIL=" + email.group(1) + "\n", "\nADMIN_PASSWORD=" + password.group(1) + "\n")
                .startsWith("BASE=http://localhost:8080\n");
        Stream.concat(MarkdownBlocks.of(README, TOUR, "shell").stream(), MarkdownBlocks.of(README, MAIL, "shell").stream())
                .flatMap(block -> block.text().lines()).filter(line -> line.contains("curl "))
                .forEach(line -> assertThat(line).as("every curl fails on an error status").contains("curl -fsS"));
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
