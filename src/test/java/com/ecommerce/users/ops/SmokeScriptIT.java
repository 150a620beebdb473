package com.ecommerce.users.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.ProductionAuth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * k8s/smoke-test.sh, the kind workflow's check after every deployment step, against the packaged service: it passes
 * (twice in a row, since each run registers a fresh address) and fails, saying where, when the service is not there.
 */
@QuarkusIntegrationTest
@WithTestResource(ProductionAuth.class)
class SmokeScriptIT {

    static final Path SCRIPT = Path.of("k8s", "smoke-test.sh");

    record Run(int exitCode, String output) {
    }

    @Test
    void passesAgainstThePackagedServiceAndCanRunAgain() throws Exception {
        String base = "http://localhost:" + RestAssured.port;
        for (int i = 0; i < 2; i++) {
            Run run = smoke(base + "/");
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("smoke test passed", "/users/me", "no management endpoint here");
        }
    }

    @Test
    void failsWithTheStepWhenTheUrlIsWrong() throws Exception {
        Run wrongPath = smoke("http://localhost:" + RestAssured.port + "/not-the-service");
        assertThat(wrongPath.exitCode()).isNotZero();
        assertThat(wrongPath.output()).contains("smoke test FAILED at POST /users", "status 404, expected 201");

        Run nobody = smoke("http://127.0.0.1:1");
        assertThat(nobody.exitCode()).isNotZero();
        assertThat(nobody.output()).contains("smoke test FAILED at POST /users", "no answer");
    }

    @Test
    void refusesToRunWithoutAUrl() throws Exception {
        Run run = smoke(null);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("usage");
    }

    static Run smoke(String baseUrl) throws IOException, InterruptedException {
        ProcessBuilder builder = baseUrl == null ? new ProcessBuilder("bash", SCRIPT.toString())
                : new ProcessBuilder("bash", SCRIPT.toString(), baseUrl);
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the script ended: " + output).isTrue();
        return new Run(process.exitValue(), output);
    }
}
