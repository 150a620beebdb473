package com.ecommerce.users.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Mailbox;
import com.ecommerce.users.support.MarkdownBlocks;
import com.ecommerce.users.support.MarkdownBlocks.Block;
import com.ecommerce.users.support.ShellSession;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The examples of docs/api.md, run as written, one shell for all of them, against this test instance: what a reader
 * pastes (where the service is, the tokens of the mails, an admin's token) is filled in; each block answers with the
 * statuses its text promises.
 */
@QuarkusTest
class ApiExamplesTests {

    private static final Path API = Path.of("docs", "api.md");

    @Test
    void theExamplesRunAsWrittenAndAnswerAsTheirTextSays() {
        List<Block> examples = MarkdownBlocks.of(API, "Examples", "shell");
        assertThat(examples).hasSize(6);
        try (ShellSession shell = new ShellSession(Path.of("."))) {
            assertThat(shell.run(DocExamples.assigning(examples.get(0).text(), "BASE", "http://localhost:" + RestAssured.port)))
                    .as("registered, read, renamed at version 0, refused at version 0 again")
                    .containsSubsequence("HTTP/1.1 201", "HTTP/1.1 200", "ETag: \"0\"", "HTTP/1.1 200", "\"name\":\"Ada King\"",
                            "HTTP/1.1 412");
            assertThat(shell.run(examples.get(1).text())).as("refreshed, listed, logged out, the access token dead")
                    .containsSubsequence("\"current\":true", "HTTP/1.1 204", "HTTP/1.1 401");

            String address = shell.value("EMAIL");
            assertThat(shell.run(DocExamples.assigning(examples.get(2).text(), "LINK_TOKEN", Mailbox.awaitToken(address, 1))))
                    .as("a resend, a second within the minute refused, the address verified, a reset link asked for")
                    .containsSubsequence("HTTP/1.1 202", "HTTP/1.1 429", "Retry-After: ", "HTTP/1.1 204", "HTTP/1.1 202");
            assertThat(shell.run(DocExamples.assigning(examples.get(3).text(), "RESET_TOKEN",
                    Mailbox.awaitResetToken(address, 1)))).as("reset, then changed with the current password")
                    .containsSubsequence("HTTP/1.1 204", "HTTP/1.1 204");
            given().contentType("application/json")
                    .body("{\"email\": \"" + address + "\", \"password\": \"a new passphrase\"}")
                    .post("/auth/login").then().statusCode(200);

            assertThat(shell.run(DocExamples.assigning(examples.get(4).text(), "ADMIN_TOKEN", adminToken())))
                    .as("the second page").contains("\"items\":[{");

            assertThat(shell.run(DocExamples.assigning(examples.get(5).text(), "INTROSPECTION_CLIENT",
                    config("users.introspection.clients").split(",")[0])))
                    .as("the discovery document, the token active, revoked, then inactive")
                    .containsSubsequence("\"issuer\":\"" + config("users.jwt.issuer") + "\"", "\"active\":true",
                            "HTTP/1.1 200", "{\"active\":false}");
        }
    }

    private static String adminToken() {
        return given().formParam("username", config("users.bootstrap-admin.email"))
                .formParam("password", config("users.bootstrap-admin.password"))
                .post("/auth/login").then().statusCode(200).extract().path("access_token");
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
