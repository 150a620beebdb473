package com.ecommerce.users.deploy;

import static com.ecommerce.users.deploy.PodChecks.container;
import static com.ecommerce.users.deploy.PodChecks.labels;
import static com.ecommerce.users.deploy.PodChecks.literalEnv;
import static com.ecommerce.users.deploy.PodChecks.secretRefs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * target/kubernetes/kubernetes.yml, as `./mvnw package` leaves it for `kubectl apply -f`: what Quarkus generates, the
 * merged src/main/kubernetes/kubernetes.yml, and the versioned migration Job. Runs after packaging (failsafe).
 */
class KubernetesManifestsIT {

    static final Path MANIFESTS = Path.of("target", "kubernetes", "kubernetes.yml");

    static List<HasMetadata> resources;
    static String version;

    @BeforeAll
    static void load() throws IOException {
        resources = Manifests.load(MANIFESTS);
        version = System.getProperty("project.version");
        assertThat(version).as("failsafe passes project.version").isNotBlank();
    }

    @Test
    void containsExactlyTheResourcesOfTheService() {
        assertThat(resources).extracting(HasMetadata::getKind)
                .containsExactly("ServiceAccount", "Role", "RoleBinding", "Service", "Deployment", "Job");
    }

    @Test
    void isReproducibleAndLabelled() throws IOException {
        String text = Files.readString(MANIFESTS);
        assertThat(text).doesNotContain("build-timestamp").doesNotContain("commit-id").doesNotContain("vcs-uri");
        for (HasMetadata resource : resources) {
            assertThat(labels(resource)).as(resource.getKind() + " labels")
                    .containsEntry("app.kubernetes.io/name", "user-service")
                    .containsEntry("app.kubernetes.io/part-of", "ecommerce");
        }
    }

    @Test
    void theServiceAndItsMigrationJobRunWithTheJvmOptionsOfPomXml() throws IOException {
        String options = System.getProperty("deploy.java-tool-options");
        assertThat(options).as("failsafe passes deploy.java-tool-options").isNotBlank();
        Container app = container(Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(), "user-service");
        Container migrate = container(Manifests.one(resources, Job.class).getSpec().getTemplate().getSpec(), "migrate");
        assertThat(literalEnv(app)).containsEntry("JAVA_TOOL_OPTIONS", options);
        assertThat(literalEnv(migrate)).containsEntry("JAVA_TOOL_OPTIONS", options);
        // every @...@ of the filtered sources was filled
        assertThat(Files.readString(MANIFESTS)).doesNotContainPattern("@[A-Za-z][\\w-]*(\\.[\\w-]+)*@");
    }

    @Test
    void theRoleIsTheServicesOwnAndOnlyReadsJobs() {
        Role role = Manifests.one(resources, Role.class);
        RoleBinding binding = Manifests.one(resources, RoleBinding.class);
        ServiceAccount account = Manifests.one(resources, ServiceAccount.class);
        // quarkusio/quarkus#45748: a Role named "view-jobs" clashes with other applications in the namespace
        assertThat(role.getMetadata().getName()).startsWith("user-service-").isNotEqualTo("view-jobs");
        assertThat(role.getRules()).hasSize(1);
        PolicyRule rule = role.getRules().getFirst();
        assertThat(rule.getApiGroups()).containsExactly("batch");
        assertThat(rule.getResources()).containsExactly("jobs");
        assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
        });
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void theDeploymentRunsTwoRestrictedReplicasWithProbesAndGracefulShutdown() throws IOException {
        Deployment deployment = Manifests.one(resources, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = container(pod, "user-service");

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        // the selector is immutable: a version in it would make every upgrade fail
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKey("app.kubernetes.io/version");
        assertThat(labels(deployment)).containsEntry("app.kubernetes.io/component", "api");
        assertThat(pod.getServiceAccountName()).isEqualTo("user-service");
        PodChecks.assertRestricted("Deployment", pod);
        PodChecks.assertApiTokenOnlyFor("Deployment", pod, "wait-for-migration");
        PodChecks.assertNoSecretValues("Deployment", pod);
        PodChecks.assertHttpProbes(app);
        PodChecks.assertGracefulShutdown(pod, app);
        assertThat(app.getImage()).endsWith("/ecommerce/user-service:" + version);
        assertThat(app.getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
        assertThat(literalEnv(app)).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false")
                .containsKey("USERS_JWT_SIGNING_KEY_LOCATION")
                .containsEntry("USERS_JWT_ISSUER", System.getProperty("deploy.jwt-issuer"))
                .hasEntrySatisfying("JAVA_TOOL_OPTIONS", opts -> assertThat(opts).contains("-XX:MaxRAMPercentage="));
        assertThat(secretRefs(app)).containsExactlyInAnyOrder("user-service-bootstrap-admin", "user-service-db", "user-service-smtp",
                "user-service-introspection", "user-service-mfa");
        assertThat(System.getProperty("deploy.jwt-issuer")).as("pom.xml's issuer: https, as production requires").startsWith("https://");
        assertThat(app.getEnvFrom()).as("the pods start without the bootstrap admin's, the SMTP server's, the "
                + "introspection clients' and the second factor key's Secrets")
                .filteredOn(source -> !source.getSecretRef().getName().equals("user-service-db"))
                .hasSize(4).allSatisfy(source -> assertThat(source.getSecretRef().getOptional()).isTrue());
        assertThat(pod.getVolumes()).anySatisfy(volume -> {
            assertThat(volume.getSecret()).isNotNull();
            assertThat(volume.getSecret().getSecretName()).isEqualTo("user-service-jwt");
        });
        assertThat(literalEnv(app).get("USERS_JWT_SIGNING_KEY_LOCATION")).startsWith(app.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("jwt")).findFirst().orElseThrow().getMountPath() + "/");
    }

    @Test
    void theServiceSelectsTheDeploymentsPods() {
        Service service = Manifests.one(resources, Service.class);
        Deployment deployment = Manifests.one(resources, Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getSelector()).doesNotContainKey("app.kubernetes.io/version");
        // the API port only: the management interface (health, metrics, OpenAPI; no authentication) stays off it
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getTargetPort().getValue()).isIn(PodChecks.API_PORT, "http"));
    }

    @Test
    void everyImageExposesTheContainersPorts() throws IOException {
        Container app = container(Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(), "user-service");
        List<String> ports = app.getPorts().stream().map(port -> Integer.toString(port.getContainerPort())).toList();
        assertThat(ports).containsExactlyInAnyOrder(Integer.toString(PodChecks.API_PORT), Integer.toString(PodChecks.MANAGEMENT_PORT));
        try (var dockerfiles = Files.list(Path.of("src", "main", "docker"))) {
            assertThat(dockerfiles.toList()).isNotEmpty().allSatisfy(dockerfile -> assertThat(Files.readAllLines(dockerfile))
                    .as(dockerfile.toString()).filteredOn(line -> line.startsWith("EXPOSE "))
                    .singleElement().satisfies(expose -> assertThat(expose.substring("EXPOSE ".length()).split(" "))
                            .containsExactlyInAnyOrderElementsOf(ports)));
        }
    }

    @Test
    void prometheusScrapesTheManagementPort() {
        Service service = Manifests.one(resources, Service.class);
        Deployment deployment = Manifests.one(resources, Deployment.class);
        for (var annotations : List.of(service.getMetadata().getAnnotations(),
                deployment.getSpec().getTemplate().getMetadata().getAnnotations())) {
            assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", Integer.toString(PodChecks.MANAGEMENT_PORT));
        }
    }

    @Test
    void theMigrationJobIsVersionedLabelledAndRestricted() {
        Job job = Manifests.one(resources, Job.class);
        Deployment deployment = Manifests.one(resources, Deployment.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container migrate = container(pod, "migrate");
        Container app = container(deployment.getSpec().getTemplate().getSpec(), "user-service");

        // quarkusio/quarkus#33829: a Job of another version must be a new object, not a change to an immutable one
        assertThat(job.getMetadata().getName()).isEqualTo(System.getProperty("migration.job.name"))
                .isEqualTo("user-service-migration-" + version.toLowerCase().replaceAll("[^a-z0-9-]+", "-"))
                .hasSizeLessThanOrEqualTo(63);
        // quarkusio/quarkus#41181, #38449: labels and the same security as the service
        assertThat(labels(job)).containsEntry("app.kubernetes.io/component", "migration")
                .containsEntry("app.kubernetes.io/version", version);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "migration");
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        PodChecks.assertRestricted("Job", pod);
        PodChecks.assertApiTokenOnlyFor("Job", pod);
        PodChecks.assertNoSecretValues("Job", pod);
        assertThat(migrate.getImage()).isEqualTo(app.getImage());
        assertThat(literalEnv(migrate)).containsEntry("QUARKUS_INIT_AND_EXIT", "true")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        assertThat(secretRefs(migrate)).as("the database alone: the pods bootstrap the admin").containsExactly("user-service-db");
    }

    @Test
    void podsWaitForTheMigrationJobOfTheirOwnImage() {
        Job job = Manifests.one(resources, Job.class);
        PodSpec pod = Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec();
        Container wait = container(pod, "wait-for-migration");
        assertThat(pod.getInitContainers()).containsExactly(wait);

        // by the Job's name, which carries the image tag: a rebuild of the same version waits for its own migrations,
        // not for the completed Job of the previous image
        assertThat(wait.getArgs()).containsExactly("wait", "--for=condition=complete",
                "job/" + job.getMetadata().getName(), "--timeout=30m");
        String dnsSafeTag = imageTag(pod).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        assertThat(job.getMetadata().getName()).isEqualTo("user-service-migration-" + dnsSafeTag);
    }

    private static String imageTag(PodSpec pod) {
        String image = container(pod, "user-service").getImage();
        return image.substring(image.lastIndexOf(':') + 1);
    }
}
