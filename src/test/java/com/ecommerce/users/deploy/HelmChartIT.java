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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
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
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
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
        // the API port only: the management port (health, metrics, OpenAPI; no authentication) is on no Service
        assertThat(Manifests.one(resources, Service.class).getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", Integer.toString(PodChecks.MANAGEMENT_PORT));
        assertThat(literalEnv(app)).containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        assertThat(secretRefs(app)).containsExactlyInAnyOrder("user-service-db", "user-service-bootstrap-admin",
                "user-service-smtp", "user-service-introspection", "user-service-mfa");
        assertThat(app.getEnvFrom()).as("the introspection clients' Secret is optional")
                .filteredOn(source -> source.getSecretRef().getName().equals("user-service-introspection"))
                .singleElement().satisfies(source -> assertThat(source.getSecretRef().getOptional()).isTrue());
        assertThat(literalEnv(app).get("USERS_JWT_ISSUER")).as("the issuer: an https URL, as production requires")
                .startsWith("https://");
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
    void mailValuesRenderIntoTheDeploymentsEnvironmentAndCredentialsStayInTheSecret() throws IOException {
        Container byDefault = container(Manifests.one(render(t -> t), Deployment.class).getSpec().getTemplate().getSpec(),
                "user-service");
        assertThat(literalEnv(byDefault)).containsEntry("QUARKUS_MAILER_PORT", "465").containsEntry("QUARKUS_MAILER_TLS", "true")
                .doesNotContainKeys("QUARKUS_MAILER_HOST", "QUARKUS_MAILER_START_TLS", "QUARKUS_MAILER_USERNAME",
                        "QUARKUS_MAILER_PASSWORD", "USERS_MAIL_LINK_BASE");

        // SES on 587: STARTTLS, and never plain text
        List<HasMetadata> resources = render(t -> t.set("mail.smtp.host", "email-smtp.eu-west-1.amazonaws.com")
                .set("mail.smtp.port", 587).set("mail.smtp.tls", false).set("mail.linkBase", "https://shop.example.com")
                .set("mail.smtp.existingSecret", "ses-smtp"));
        Container app = container(Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(), "user-service");
        assertThat(literalEnv(app)).containsEntry("QUARKUS_MAILER_HOST", "email-smtp.eu-west-1.amazonaws.com")
                .containsEntry("QUARKUS_MAILER_PORT", "587").containsEntry("QUARKUS_MAILER_TLS", "false")
                .containsEntry("QUARKUS_MAILER_START_TLS", "REQUIRED")
                .containsEntry("USERS_MAIL_LINK_BASE", "https://shop.example.com");
        assertThat(secretRefs(app)).contains("ses-smtp");
        // the migration Job sends no mail
        assertThat(secretRefs(container(Manifests.one(resources, Job.class).getSpec().getTemplate().getSpec(), "migrate")))
                .doesNotContain("ses-smtp");
        for (String linkBase : List.of("https://shop.example.com/", "shop.example.com", "https://shop.example.com/?x=1")) {
            assertThatThrownBy(() -> render(t -> t.set("mail.linkBase", linkBase))).as(linkBase).hasMessageContaining("linkBase");
        }
    }

    @Test
    void eksValuesRenderAnAlbIngressIrsaPdbAndAutoscaling() throws IOException {
        List<HasMetadata> resources = render(t -> t.withValuesFile(EKS_VALUES));

        Ingress ingress = Manifests.one(resources, Ingress.class);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("alb");
        // the issuer is the address the ALB serves
        assertThat(literalEnv(container(Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(),
                "user-service")).get("USERS_JWT_ISSUER")).isEqualTo("https://" + ingress.getSpec().getRules().getFirst().getHost());
        // the ALB checks the API port (the public key set, always 200): it never reaches the management port;
        // readiness takes pods out of its rotation through the Service's endpoints
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("alb.ingress.kubernetes.io/target-type", "ip")
                .containsEntry("alb.ingress.kubernetes.io/healthcheck-port", "traffic-port")
                .containsEntry("alb.ingress.kubernetes.io/healthcheck-path", "/.well-known/jwks.json");
        // the API only: health, metrics and OpenAPI (/q/*) stay inside the cluster; the keys and discovery are public
        assertThat(ingress.getSpec().getRules()).flatExtracting(rule -> rule.getHttp().getPaths())
                .extracting(path -> path.getPath()).contains("/.well-known/jwks.json", "/.well-known/openid-configuration",
                        "/.well-known/oauth-authorization-server").allSatisfy(path -> assertThat(path).isNotIn("/", "/q").doesNotStartWith("/q/"));
        assertThat(ingress.getSpec().getRules()).flatExtracting(rule -> rule.getHttp().getPaths())
                .allSatisfy(path -> assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http"));
        // and only Prometheus' namespace reaches the management port
        NetworkPolicy policy = Manifests.one(resources, NetworkPolicy.class);
        assertThat(policy.getSpec().getIngress()).filteredOn(rule -> rule.getPorts().getFirst().getPort().getStrVal().equals("management"))
                .singleElement().satisfies(rule -> assertThat(rule.getFrom()).isNotEmpty());
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

    /**
     * Where the chart and the generated manifests differ on purpose: a pattern over {@link DeploymentFacts}' names, and
     * why. Every other fact either states must state alike: JVM options, resources, probes, env, Secret references,
     * security contexts, shutdown timings, volumes, the migration Job's spec, the Service's port.
     */
    record Difference(String facts, String reason) {
        boolean covers(String fact) {
            return fact.matches(facts);
        }
    }

    static final String APP = "Deployment\\.spec\\.template\\.spec\\.containers\\[user-service]\\.";
    /** The labels of the pods, of their selectors, of the Service's selector. */
    static final String LABELS = "(Deployment\\.spec\\.(selector\\.matchLabels|template\\.metadata\\.labels"
            + "|template\\.spec\\.topologySpreadConstraints\\[\\d+]\\.labelSelector\\.matchLabels)"
            + "|Job\\.spec\\.template\\.metadata\\.labels|Service\\.spec\\.selector)\\.";

    /** Env the chart sets from its values, and the property of application.properties (%prod) it must agree with. */
    static final Map<String, String> CHART_ENV_FROM_PROPERTIES = new java.util.TreeMap<>(Map.of(
            "USERS_JWT_AUDIENCE", "users.jwt.audience",
            "USERS_JWT_LIFETIME", "users.jwt.lifetime",
            "USERS_HTTP_TRUSTED_PROXY_HOPS", "users.http.trusted-proxy-hops",
            "QUARKUS_MAILER_PORT", "quarkus.mailer.port",
            "QUARKUS_MAILER_TLS", "quarkus.mailer.tls",
            "QUARKUS_SHUTDOWN_DELAY", "quarkus.shutdown.delay",
            "QUARKUS_SHUTDOWN_TIMEOUT", "quarkus.shutdown.timeout"));

    static final List<Difference> INTENTIONAL_DIFFERENCES = List.of(
            new Difference(LABELS + "(app\\.kubernetes\\.io/(instance|managed-by)|helm\\.sh/chart)",
                    "Helm's release labels (instance, managed-by: Helm, helm.sh/chart) against Quarkus' managed-by: quarkus"),
            new Difference(LABELS + "app\\.kubernetes\\.io/part-of",
                    "the generated selectors add part-of to the name, the chart's add the release (instance)"),
            new Difference("Deployment\\.spec\\.template\\.metadata\\.labels\\.app\\.kubernetes\\.io/version",
                    "the chart labels its pods with the version; Quarkus leaves it out of the pods along with the selector "
                            + "(quarkus.kubernetes.add-version-to-label-selectors=false)"),
            new Difference("Deployment\\.spec\\.template\\.metadata\\.annotations\\.app\\.quarkus\\.io/quarkus-version",
                    "Quarkus' own annotation"),
            new Difference("Deployment\\.spec\\.template\\.metadata\\.annotations\\.prometheus\\.io/scheme",
                    "Quarkus writes Prometheus' default scheme (http), the chart leaves it to the default"),
            new Difference("Deployment\\.spec\\.template\\.spec\\.initContainers\\[wait-for-migration]\\..*",
                    "the generated pods wait for the migration Job of their version in an init container; Helm runs the "
                            + "chart's Job as a pre-install/pre-upgrade hook before any pod changes"),
            new Difference("Deployment\\.spec\\.template\\.spec\\.volumes\\[kube-api-access]\\..*",
                    "the API token of that init container, which the chart's pods do not need"),
            new Difference("Job\\.spec\\.template\\.spec\\.serviceAccountName",
                    "the chart's hook Job runs before the release's ServiceAccount exists, so it has its own"),
            new Difference(APP + "env\\[(QUARKUS_HTTP_CORS_ORIGINS|USERS_BOOTSTRAP_ADMIN_EMAIL"
                    + "|USERS_JWT_PREVIOUS_VERIFICATION_KEY_LOCATION|QUARKUS_MAILER_FROM|USERS_MAIL_LINK_BASE"
                    + "|QUARKUS_MAILER_HOST|QUARKUS_OTEL_EXPORTER_OTLP_TRACES_(ENDPOINT|PROTOCOL))]\\..*",
                    "optional settings the chart offers as values (cors.allowedOrigins, bootstrapAdmin.email, "
                            + "jwt.previousVerificationKeyFile, mail.from, mail.linkBase, mail.smtp.host, tracing.otlpEndpoint); the generated "
                            + "manifests have none by default (there, the Secret user-service-smtp may carry them)"),
            new Difference(APP + "env\\[(" + String.join("|", CHART_ENV_FROM_PROPERTIES.keySet()) + ")]\\..*",
                    "the chart's values for settings the generated manifests leave to application.properties; "
                            + "checked against it (CHART_ENV_FROM_PROPERTIES)"));

    /** What the comparison must cover, so that it cannot pass by comparing nothing. */
    static final List<String> COMPARED = List.of(
            APP + "env\\[JAVA_TOOL_OPTIONS]\\.value",
            APP + "resources\\.(limits|requests)\\.(cpu|memory)",
            APP + "(startup|readiness|liveness)Probe\\.(httpGet\\.(path|port|scheme)|initialDelaySeconds|periodSeconds"
                    + "|timeoutSeconds|successThreshold|failureThreshold)",
            APP + "securityContext\\..*",
            "Deployment\\.spec\\.template\\.spec\\.securityContext\\..*",
            APP + "lifecycle\\.preStop\\.sleep\\.seconds",
            "Deployment\\.spec\\.template\\.spec\\.terminationGracePeriodSeconds",
            APP + "envFrom\\[secretRef:[^]]+]\\.secretRef\\.(name|optional)",
            APP + "volumeMounts\\[.*",
            "Deployment\\.spec\\.template\\.spec\\.volumes\\[(tmp|jwt)]\\..*",
            "Job\\.spec\\.(backoffLimit|activeDeadlineSeconds)",
            "Job\\.spec\\.template\\.spec\\.containers\\[migrate]\\.(env|envFrom|resources|securityContext|volumeMounts)[.\\[].*",
            "Job\\.spec\\.template\\.spec\\.(securityContext|volumes)[.\\[].*",
            APP + "ports\\[(http|management)]\\.containerPort",
            "Deployment\\.spec\\.template\\.metadata\\.annotations\\.prometheus\\.io/(scrape|path|port)",
            "Service\\.spec\\.ports\\[.*");

    @Test
    void agreesWithTheGeneratedManifests() throws IOException {
        // the chart's optional env set, so that the differences below are all visible; the release named as Quarkus
        // names its resources, so that names compare too
        List<HasMetadata> rendered = render(t -> t.set("fullnameOverride", "user-service")
                .set("cors.allowedOrigins[0]", "https://shop.example.com").set("bootstrapAdmin.email", "admin@example.com")
                .set("jwt.previousVerificationKeyFile", "previous-public-key.pem")
                .set("mail.from", "Shop <no-reply@shop.example.com>").set("mail.linkBase", "https://shop.example.com")
                .set("mail.smtp.host", "email-smtp.eu-west-1.amazonaws.com")
                .set("tracing.otlpEndpoint", "http://adot-collector.observability:4317"));
        SortedMap<String, String> chart = DeploymentFacts.of(rendered);
        SortedMap<String, String> build = DeploymentFacts.of(Manifests.load(KubernetesManifestsIT.MANIFESTS));

        List<String> drift = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        Set<Difference> seen = new HashSet<>();
        Set<String> facts = new TreeSet<>(chart.keySet());
        facts.addAll(build.keySet());
        for (String fact : facts) {
            String fromChart = chart.get(fact);
            String fromBuild = build.get(fact);
            if (Objects.equals(fromChart, fromBuild)) {
                compared.add(fact);
                continue;
            }
            Optional<Difference> intended = INTENTIONAL_DIFFERENCES.stream().filter(d -> d.covers(fact)).findFirst();
            intended.ifPresentOrElse(seen::add, () -> drift.add(fact + ": chart " + fromChart + ", generated " + fromBuild));
        }
        assertThat(drift).as("facts on which the chart (k8s/helm/user-service) and the generated manifests "
                + "(application.properties, src/main/kubernetes*, pom.xml) disagree").isEmpty();
        assertThat(INTENTIONAL_DIFFERENCES).as("intentional differences that no longer differ: remove them")
                .allMatch(seen::contains);
        for (String family : COMPARED) {
            assertThat(compared).as("facts compared").anyMatch(fact -> fact.matches(family));
        }

        Map<String, String> chartEnv = literalEnv(container(Manifests.one(rendered, Deployment.class).getSpec().getTemplate()
                .getSpec(), "user-service"));
        for (Map.Entry<String, String> env : CHART_ENV_FROM_PROPERTIES.entrySet()) {
            assertThat(chartEnv.get(env.getKey())).as("the chart's " + env.getKey() + " against application.properties' "
                    + env.getValue()).isEqualTo(PodChecks.productionProperty(env.getValue()));
        }
    }

    /**
     * The JVM options are the manifests' JAVA_TOOL_OPTIONS and nothing else: both JVM images start plain java (the UBI
     * base's run-java.sh would add its own heap ratio and collector, which win over JAVA_TOOL_OPTIONS) and add no
     * memory or collector option of their own. k8s/image-test.sh runs both images with the manifests' settings.
     */
    @Test
    void theImagesAddNoJvmSettingsToTheManifests() throws IOException {
        String options = literalEnv(container(Manifests.one(Manifests.load(KubernetesManifestsIT.MANIFESTS), Deployment.class)
                .getSpec().getTemplate().getSpec(), "user-service")).get("JAVA_TOOL_OPTIONS");
        assertThat(options).isEqualTo(System.getProperty("deploy.java-tool-options"))
                .containsPattern("-XX:\\+Use\\w+GC").containsPattern("-XX:MaxRAMPercentage=\\d+");
        for (String dockerfile : List.of("Dockerfile.jvm", "Dockerfile.jvm-aot")) {
            String text = Files.readString(Path.of("src", "main", "docker", dockerfile));
            assertThat(text).as(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[ \"java\", ")
                    .doesNotContainPattern("-XX:(\\+Use\\w+GC|MaxRAM|InitialRAM)")
                    .doesNotContain("JAVA_TOOL_OPTIONS=").doesNotContain("JAVA_OPTS");
        }
    }

    @Test
    void theSchemaRejectsValuesTheChartCannotHonour() {
        assertThatThrownBy(() -> render(t -> t.set("migration.mode", "sometimes"))).hasMessageContaining("migration");
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 0))).hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(t -> t.set("database.existingSecret", ""))).hasMessageContaining("existingSecret");
        // the service's public https URL (Issuer refuses anything else at start-up in production)
        for (String issuer : List.of("user-service", "http://users.example.com", "https://users.example.com/", "",
                "https://users.example.com?x=1")) {
            assertThatThrownBy(() -> render(t -> t.set("jwt.issuer", issuer))).as(issuer).hasMessageContaining("issuer");
        }
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
    static List<HasMetadata> render(UnaryOperator<TemplateCommand> options) throws IOException {
        return Manifests.parse(renderYaml(options), "helm template");
    }

    /** The same, as Helm's output: for resources the fabric8 model does not know (MonitoringChartIT). */
    static String renderYaml(UnaryOperator<TemplateCommand> options) throws IOException {
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
        return options.apply(new Helm(copy).template().withName("users").withNamespace("shop")
                .withKubeVersion("1.30.0")).call();
    }
}
