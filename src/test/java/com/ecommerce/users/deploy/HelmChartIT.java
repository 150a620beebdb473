package com.ecommerce.users.deploy;

import static com.ecommerce.users.deploy.PodChecks.container;
import static com.ecommerce.users.deploy.PodChecks.labels;
import static com.ecommerce.users.deploy.PodChecks.literalEnv;
import static com.ecommerce.users.deploy.PodChecks.secretRefs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Slow;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * k8s/helm/user-service, linted and rendered by Helm itself (helm-java, in-process, offline) with its default values,
 * the EKS values and the start-up migration mode; the rendered resources hold the same invariants as the generated
 * manifests and agree with them where both say the same thing.
 */
@Slow
class HelmChartIT {

    static final Path CHART = Path.of("k8s", "helm", "user-service");
    static final Path EKS_VALUES = Path.of("k8s", "helm", "values-eks.yaml");
    static final String HOOK = "helm.sh/hook";
    /** helm-java's template leaves hooks out; a copy of the chart renders them under this annotation prefix. */
    static final String RENDERED_HOOK = "rendered.test/hook";

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void appVersionIsTheServicesVersion() throws IOException {
        assertThat(Files.readString(CHART.resolve("Chart.yaml")))
                .contains("appVersion: \"" + System.getProperty("project.version") + "\"");
    }

    @Test
    void defaultValuesRenderARestrictedServiceWithAMigrationHookJob() throws IOException {
        List<HasMetadata> resources = render(t -> t);
        assertThat(resources).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
                "ServiceAccount", "ServiceAccount", "Service", "Deployment", "Job");

        Deployment deployment = Manifests.one(resources, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container app = container(pod, "user-service");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).doesNotContainKey("app.kubernetes.io/version");
        PodChecks.assertRestricted("Deployment", pod);
        // Helm orders the migration itself: no pod needs the Kubernetes API
        PodChecks.assertApiTokenOnlyFor("Deployment", pod);
        PodChecks.assertNoSecretValues("Deployment", pod);
        PodChecks.assertHttpProbes(app);
        PodChecks.assertGracefulShutdown(pod, app);
        assertThat(literalEnv(app)).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        assertThat(secretRefs(app)).containsExactlyInAnyOrder("user-service-db", "user-service-bootstrap-admin");
        // never fewer ready pods than wanted during an upgrade
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getValue()).isEqualTo(0);

        Job job = Manifests.one(resources, Job.class);
        Map<String, String> hook = job.getMetadata().getAnnotations();
        // quarkiverse/quarkus-helm#451: the migration is a hook, run and awaited before install and upgrade
        assertThat(hook).containsEntry(RENDERED_HOOK, "pre-install,pre-upgrade");
        assertThat(hook.get(RENDERED_HOOK + "-delete-policy")).contains("before-hook-creation");
        PodSpec jobPod = job.getSpec().getTemplate().getSpec();
        Container migrate = container(jobPod, "migrate");
        PodChecks.assertRestricted("Job", jobPod);
        PodChecks.assertApiTokenOnlyFor("Job", jobPod);
        PodChecks.assertNoSecretValues("Job", jobPod);
        assertThat(jobPod.getRestartPolicy()).isEqualTo("Never");
        assertThat(labels(job)).containsEntry("app.kubernetes.io/component", "migration");
        assertThat(literalEnv(migrate)).containsEntry("QUARKUS_INIT_AND_EXIT", "true")
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        assertThat(migrate.getImage()).isEqualTo(app.getImage());
        assertThat(secretRefs(migrate)).as("the database alone: the pods bootstrap the admin").containsExactly("user-service-db");
        // the hook's ServiceAccount exists before the Job (lower weight), since the release's own does not yet
        ServiceAccount hookAccount = Manifests.all(resources, ServiceAccount.class).stream()
                .filter(sa -> sa.getMetadata().getName().equals(jobPod.getServiceAccountName())).findFirst().orElseThrow();
        assertThat(Integer.parseInt(hookAccount.getMetadata().getAnnotations().get(RENDERED_HOOK + "-weight")))
                .isLessThan(Integer.parseInt(hook.get(RENDERED_HOOK + "-weight")));
    }

    @Test
    void startupModeMigratesInThePodsAndHasNoJob() throws IOException {
        List<HasMetadata> resources = render(t -> t.set("migration.mode", "startup"));
        assertThat(Manifests.all(resources, Job.class)).isEmpty();
        Container app = container(Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(), "user-service");
        assertThat(literalEnv(app)).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
    }

    @Test
    void corsOriginsRenderIntoTheDeploymentsEnvironment() throws IOException {
        Container byDefault = container(Manifests.one(render(t -> t), Deployment.class).getSpec().getTemplate().getSpec(),
                "user-service");
        // no origin unless named
        assertThat(literalEnv(byDefault)).doesNotContainKey("QUARKUS_HTTP_CORS_ORIGINS");

        List<HasMetadata> resources = render(t -> t.set("cors.allowedOrigins[0]", "https://shop.example.com")
                .set("cors.allowedOrigins[1]", "http://localhost:3000"));
        Container app = container(Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(), "user-service");
        assertThat(literalEnv(app)).containsEntry("QUARKUS_HTTP_CORS_ORIGINS", "https://shop.example.com,http://localhost:3000");
        // the migration Job serves no browser
        Container migrate = container(Manifests.one(resources, Job.class).getSpec().getTemplate().getSpec(), "migrate");
        assertThat(literalEnv(migrate)).doesNotContainKey("QUARKUS_HTTP_CORS_ORIGINS");
    }

    @Test
    void eksValuesRenderAnAlbIngressIrsaPdbAndAutoscaling() throws IOException {
        List<HasMetadata> resources = render(t -> t.withValuesFile(EKS_VALUES));

        Ingress ingress = Manifests.one(resources, Ingress.class);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("alb");
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("alb.ingress.kubernetes.io/target-type", "ip")
                .containsEntry("alb.ingress.kubernetes.io/healthcheck-path", "/q/health/ready");
        // the API only: health, metrics and OpenAPI (/q/*) stay inside the cluster
        assertThat(ingress.getSpec().getRules()).flatExtracting(rule -> rule.getHttp().getPaths())
                .extracting(path -> path.getPath()).isNotEmpty().allSatisfy(path -> assertThat(path).isNotIn("/", "/q").doesNotStartWith("/q/"));
        String deregistration = ingress.getMetadata().getAnnotations().get("alb.ingress.kubernetes.io/target-group-attributes");
        assertThat(Integer.parseInt(deregistration.replaceAll(".*deregistration_delay.timeout_seconds=(\\d+).*", "$1")))
                .as("ALB deregistration delay, s, below the preStop sleep").isLessThan(10);

        Deployment deployment = Manifests.one(resources, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        ServiceAccount account = Manifests.all(resources, ServiceAccount.class).stream()
                .filter(sa -> sa.getMetadata().getName().equals(pod.getServiceAccountName())).findFirst().orElseThrow();
        assertThat(account.getMetadata().getAnnotations()).containsKey("eks.amazonaws.com/role-arn");
        assertThat(Manifests.one(resources, PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        HorizontalPodAutoscaler hpa = Manifests.one(resources, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        // the HPA owns the replica count
        assertThat(deployment.getSpec().getReplicas()).isNull();
        assertThat(pod.getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey())
                .contains("topology.kubernetes.io/zone");
        PodChecks.assertRestricted("Deployment", pod);
        PodChecks.assertRestricted("Job", Manifests.one(resources, Job.class).getSpec().getTemplate().getSpec());
    }

    @Test
    void agreesWithTheGeneratedManifests() throws IOException {
        PodSpec chart = Manifests.one(render(t -> t), Deployment.class).getSpec().getTemplate().getSpec();
        PodSpec generated = Manifests.one(Manifests.load(KubernetesManifestsIT.MANIFESTS), Deployment.class)
                .getSpec().getTemplate().getSpec();
        Container fromChart = container(chart, "user-service");
        Container fromBuild = container(generated, "user-service");

        assertThat(fromChart.getResources()).isEqualTo(fromBuild.getResources());
        assertThat(fromChart.getSecurityContext()).isEqualTo(fromBuild.getSecurityContext());
        assertThat(fromChart.getLifecycle()).isEqualTo(fromBuild.getLifecycle());
        assertThat(chart.getTerminationGracePeriodSeconds()).isEqualTo(generated.getTerminationGracePeriodSeconds());
        assertThat(literalEnv(fromChart).get("JAVA_TOOL_OPTIONS")).isEqualTo(literalEnv(fromBuild).get("JAVA_TOOL_OPTIONS"));
        assertThat(secretRefs(fromChart)).containsExactlyInAnyOrderElementsOf(secretRefs(fromBuild));
        assertThat(fromChart.getImage()).isEqualTo(fromBuild.getImage());
        for (var probe : List.<java.util.function.Function<Container, io.fabric8.kubernetes.api.model.Probe>>of(
                Container::getStartupProbe, Container::getReadinessProbe, Container::getLivenessProbe)) {
            assertThat(probe.apply(fromChart).getHttpGet().getPath()).isEqualTo(probe.apply(fromBuild).getHttpGet().getPath());
            assertThat(probe.apply(fromChart).getPeriodSeconds()).isEqualTo(probe.apply(fromBuild).getPeriodSeconds());
            assertThat(probe.apply(fromChart).getFailureThreshold()).isEqualTo(probe.apply(fromBuild).getFailureThreshold());
            assertThat(probe.apply(fromChart).getTimeoutSeconds()).isEqualTo(probe.apply(fromBuild).getTimeoutSeconds());
        }
    }

    @Test
    void theSchemaRejectsValuesTheChartCannotHonour() {
        assertThatThrownBy(() -> render(t -> t.set("migration.mode", "sometimes"))).hasMessageContaining("migration");
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 0))).hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(t -> t.set("database.existingSecret", ""))).hasMessageContaining("existingSecret");
        // exact origins only: no wildcard, pattern, path or trailing slash (CorsOriginCheck refuses them at start-up too)
        for (String origin : List.of("*", "/.*/", "https://*.example.com", "https://shop.example.com/", "shop.example.com")) {
            assertThatThrownBy(() -> render(t -> t.set("cors.allowedOrigins[0]", origin))).as(origin)
                    .hasMessageContaining("allowedOrigins");
        }
    }

    @Test
    void noSecretValueInTheChartOrItsValuesFiles() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(CHART), Stream.of(EKS_VALUES))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContain("BEGIN").doesNotContainPattern("(?i)password\\s*[:=]\\s*\\S")
                        .doesNotContainPattern("(?i)kind:\\s*Secret\\b");
            }
        }
    }

    /** Renders a copy of the chart in which hooks are ordinary resources, so that the Job is rendered too. */
    private static List<HasMetadata> render(UnaryOperator<TemplateCommand> options) throws IOException {
        Path copy = Path.of("target", "helm-render", "user-service");
        if (Files.exists(copy)) {
            try (Stream<Path> old = Files.walk(copy)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(source).replace(HOOK, RENDERED_HOOK));
                }
            }
        }
        String yaml = options.apply(new Helm(copy).template().withName("users").withNamespace("shop")
                .withKubeVersion("1.30.0")).call();
        return Manifests.parse(yaml, "helm template");
    }
}
