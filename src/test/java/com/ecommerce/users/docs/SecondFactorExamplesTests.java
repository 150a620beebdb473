package com.ecommerce.users.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.ecommerce.users.mfa.MovableTotpClock;
import com.ecommerce.users.mfa.Rfc6238;
import com.ecommerce.users.support.MarkdownBlocks;
import com.ecommerce.users.support.MarkdownBlocks.Block;
import com.ecommerce.users.support.ShellSession;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The second factor's curl flow of docs/api.md, run as written in one shell: the codes a reader reads off the app
 * are computed from the secret the first block printed, at the time step the test pins.
 */
@QuarkusTest
class SecondFactorExamplesTests {

    private static final Path API = Path.of("docs", "api.md");

    @Inject
    MovableTotpClock clock;

    @AfterEach
    void release() {
        clock.release();
    }

    @Test
    void theFlowRunsAsWritten() {
        List<Block> examples = MarkdownBlocks.of(API, "Second factor example", "shell");
        assertThat(examples).hasSize(3);
        long step = clock.pinMidStep();
        try (ShellSession shell = new ShellSession(Path.of("."))) {
            shell.run(DocExamples.assigning(examples.get(0).text(), "BASE", "http://localhost:" + RestAssured.port));
            byte[] secret = Rfc6238.base32(shell.value("SECRET"));
            assertThat(secret).as("the secret the enrolment printed").hasSize(20);

            assertThat(shell.run(DocExamples.assigning(examples.get(1).text(), "CODE", Rfc6238.code(secret, step))))
                    .as("confirmed, with recovery codes").containsSubsequence("HTTP/1.1 200", "\"recoveryCodes\":[");
            clock.pinStep(step + 1);
            assertThat(shell.run(DocExamples.assigning(examples.get(2).text(), "CODE", Rfc6238.code(secret, step + 1))))
                    .as("logged in with the mfa_token and the next code")
                    .containsSubsequence("HTTP/1.1 200", "\"access_token\":");
        }
    }
}
