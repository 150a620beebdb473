package com.ecommerce.users.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The GitHub workflows, which cannot run here: they parse, every file or script their steps name exists in the
 * repository (scripts executable and valid bash), every step's shell is valid bash, and the kind deployment job
 * does what docs/deploying.md promises.
 */
class WorkflowTests {

    static final Path WORKFLOWS = Path.of(".github", "workflows");
    static final Path KIND = WORKFLOWS.resolve("deploy-kind.yml");
    /** A path of the repository as a step names it: under one of its top-level directories, or ./mvnw. */
    static final Pattern REPO_PATH = Pattern.compile("(?<![\\w/$.-])(\\./mvnw|(?:k8s|src|docs|bench|\\.github)/[\\w./-]*[\\w])");

    @Test
    void everyFileAndScriptTheWorkflowsNameExists() throws Exception {
        Deque<String> texts = new ArrayDeque<>();
        for (Path workflow : workflows()) {
            texts.addAll(runs(workflow));
        }
        // the paths the steps name, and those the scripts they name name in turn
        Set<Path> named = new TreeSet<>();
        while (!texts.isEmpty()) {
            Matcher path = REPO_PATH.matcher(texts.pop());
            while (path.find()) {
                Path file = Path.of(path.group(1)).normalize();
                if (named.add(file)) {
                    assertThat(file).as("named by a workflow or its scripts").exists();
                    if (file.toString().endsWith(".sh")) {
                        assertThat(Files.isExecutable(file)).as(file + " is executable").isTrue();
                        String script = Files.readString(file);
                        assertValidBash(file.toString(), script);
                        texts.add(script);
                    }
                }
            }
        }
        assertThat(named).as("files the workflows name").contains(Path.of("k8s/smoke-test.sh"),
                Path.of("k8s/kind/prepare-namespace.sh"), Path.of("k8s/kind/smoke-through-service.sh"),
                Path.of("k8s/local/postgres.yaml"), Path.of("k8s/helm/user-service"), Path.of("src/main/docker/Dockerfile.jvm"),
                Path.of("mvnw"));
        assertThat(Files.isExecutable(Path.of("mvnw"))).isTrue();
    }

    @Test
    void everyStepsShellIsValidBash() throws Exception {
        for (Path workflow : workflows()) {
            List<String> runs = runs(workflow);
            assertThat(runs).as(workflow.toString()).isNotEmpty();
            for (String run : runs) {
                // GitHub's expressions are replaced before the shell sees the script
                assertValidBash(workflow + ": " + run.lines().findFirst().orElse(""), run.replaceAll("\\$\\{\\{[^}]*}}", "x"));
            }
        }
    }

    @Test
    void theKindJobDeploysBothWaysAndSmokeTestsEachStep() throws IOException {
        JsonNode job = read(KIND).path("jobs").path("kind");
        assertThat(job.isMissingNode()).as("the kind job of " + KIND).isFalse();
        List<String> steps = new ArrayList<>();
        job.path("steps").forEach(step -> steps.add(step.path("uses").asText() + step.path("run").asText()));
        String all = String.join("\n", steps);
        assertThat(all).contains("helm/kind-action@", "docker build -f src/main/docker/Dockerfile.jvm", "kind load docker-image");
        // in order: kubectl apply, apply again with a new image tag, then helm install, upgrade, rollback
        assertThat(all).containsSubsequence("kubectl -n users-kubectl apply -f", "-Dquarkus.container-image.tag=",
                "kubectl -n users-kubectl apply -f", "helm install", "helm upgrade", "helm rollback");
        assertThat(steps.stream().filter(s -> s.contains(" apply -f") || s.matches("(?s).*\\bhelm (install|upgrade|rollback) .*")))
                .as("every deployment step ends with the smoke test through the Service").hasSize(5)
                .allSatisfy(step -> assertThat(step).contains("k8s/kind/smoke-through-service.sh"));
        assertThat(all).containsSubsequence("k8s/kind/prepare-namespace.sh users-kubectl", "k8s/kind/prepare-namespace.sh users-helm");
        // both namespaces enforce the restricted Pod Security Standard
        assertThat(Files.readString(Path.of("k8s/kind/prepare-namespace.sh")))
                .contains("pod-security.kubernetes.io/enforce=restricted");
    }

    @Test
    void theKindJobDeploysTheImageAndAwaitsTheJobThatTheBuildNames() throws IOException {
        JsonNode job = read(KIND).path("jobs").path("kind");
        String image = job.path("env").path("IMAGE").asText();
        String newTag = job.path("env").path("V2").asText();
        // the chart's default repository, which HelmChartIT holds to the generated manifests' (pom.xml's image
        // coordinates): kind must have loaded exactly the image that both deploy, or the pods cannot start
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(Path.of("k8s/helm/user-service/values.yaml").toFile());
        assertThat(image).isEqualTo(values.path("image").path("repository").asText());
        // the build names the new tag's Job user-service-migration-<tag, made DNS-safe>: a tag already DNS-safe
        // keeps that name, the one the step waits for
        assertThat(newTag).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
        String all = job.path("steps").findValuesAsText("run").toString();
        assertThat(all).contains("-Dquarkus.container-image.tag=\"$V2\"", "-t \"$IMAGE:$V2\"",
                "job/user-service-migration-\"$V2\"", "--set image.repository=\"$IMAGE\" --set image.tag=\"$V2\"");
    }

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(found).contains(KIND);
            return found;
        }
    }

    /** Every step's shell script of a workflow, which must parse, with jobs and steps. */
    private static List<String> runs(Path workflow) throws IOException {
        JsonNode jobs = read(workflow).path("jobs");
        assertThat(jobs.size()).as(workflow + ": jobs").isPositive();
        List<String> runs = new ArrayList<>();
        jobs.forEach(job -> {
            assertThat(job.path("runs-on").asText()).as(workflow + ": runs-on").isNotBlank();
            assertThat(job.path("steps").size()).as(workflow + ": steps").isPositive();
            job.path("steps").forEach(step -> {
                if (step.has("run")) {
                    runs.add(step.path("run").asText());
                }
            });
        });
        return runs;
    }

    private static JsonNode read(Path workflow) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(workflow.toFile());
    }

    private static void assertValidBash(String what, String script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
        bash.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        bash.getOutputStream().close();
        String errors = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as("bash -n " + what + ": " + errors).isZero();
    }
}
