package com.ecommerce.users.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/** Invariants every pod of the service must hold, in the generated manifests and in the chart alike. */
final class PodChecks {

    private PodChecks() {
    }

    /** Pod Security Standards "restricted", a read-only root filesystem with /tmp on an emptyDir. */
    static void assertRestricted(String pod, PodSpec spec) {
        assertThat(spec.getSecurityContext()).as(pod + " pod securityContext").isNotNull();
        assertThat(spec.getSecurityContext().getRunAsNonRoot()).as(pod + " runAsNonRoot").isTrue();
        assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(spec.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(spec.getHostPID()).isNotEqualTo(Boolean.TRUE);
        for (Container container : containers(spec)) {
            String where = pod + "/" + container.getName();
            SecurityContext security = container.getSecurityContext();
            assertThat(security).as(where + " securityContext").isNotNull();
            assertThat(security.getRunAsNonRoot()).as(where + " runAsNonRoot").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
            assertThat(security.getPrivileged()).as(where + " privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(security.getCapabilities().getDrop()).as(where + " capabilities.drop").containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).as(where + " capabilities.add").isNullOrEmpty();
            assertThat(security.getSeccompProfile().getType()).as(where + " seccomp").isEqualTo("RuntimeDefault");
            assertThat(security.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
            if (security.getRunAsUser() != null) {
                assertThat(security.getRunAsUser()).as(where + " runAsUser").isPositive();
            }
            VolumeMount tmp = mount(container, "/tmp");
            assertThat(volume(spec, tmp.getName()).getEmptyDir()).as(where + " /tmp is an emptyDir").isNotNull();
            assertThat(container.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
            assertThat(container.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
        }
    }

    /** No Kubernetes API token in the pod, except for the containers named. */
    static void assertApiTokenOnlyFor(String pod, PodSpec spec, String... containers) {
        assertThat(spec.getAutomountServiceAccountToken()).as(pod + " automountServiceAccountToken").isFalse();
        List<String> withToken = new ArrayList<>();
        for (Container container : containers(spec)) {
            for (VolumeMount mount : container.getVolumeMounts()) {
                Volume volume = volume(spec, mount.getName());
                boolean token = volume.getProjected() != null && volume.getProjected().getSources().stream()
                        .anyMatch(source -> source.getServiceAccountToken() != null);
                if (token) {
                    withToken.add(container.getName());
                }
            }
        }
        assertThat(withToken).as(pod + " containers holding an API token").containsExactlyInAnyOrder(containers);
    }

    /** Secret values never appear: every env var is a literal from an allow-list of names, or a reference. */
    static void assertNoSecretValues(String pod, PodSpec spec) {
        for (Container container : containers(spec)) {
            for (EnvVar env : container.getEnv()) {
                assertThat(env.getName()).as(pod + "/" + container.getName() + " env")
                        .doesNotContainIgnoringCase("PASSWORD").doesNotContainIgnoringCase("SECRET")
                        .doesNotMatch("(?i).*_KEY$");
                if (env.getValue() != null) {
                    assertThat(env.getValue()).doesNotContain("BEGIN").doesNotContainIgnoringCase("password");
                }
            }
        }
    }

    /** The management interface's port: health and metrics, never exposed by the Service (docs/security.md). */
    static final int MANAGEMENT_PORT = 9000;
    static final int API_PORT = 8080;

    static void assertHttpProbes(Container app) {
        // the API on http (8080), health and metrics on management (9000), nothing else
        assertThat(app.getPorts()).extracting(port -> port.getName() + ":" + port.getContainerPort())
                .containsExactlyInAnyOrder("http:" + API_PORT, "management:" + MANAGEMENT_PORT);
        assertProbe(app.getStartupProbe(), "/q/health/started");
        assertProbe(app.getReadinessProbe(), "/q/health/ready");
        assertProbe(app.getLivenessProbe(), "/q/health/live");
        // a cold JVM (or a migration at start-up) gets failureThreshold x period before the kubelet gives up
        Probe startup = app.getStartupProbe();
        assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds()).as("start-up budget, s").isGreaterThanOrEqualTo(120);
        // a database outage turns readiness DOWN within ~10 s, and never restarts the pod (liveness has no database)
        Probe readiness = app.getReadinessProbe();
        assertThat(readiness.getFailureThreshold() * readiness.getPeriodSeconds()).isLessThanOrEqualTo(15);
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        Object port = probe.getHttpGet().getPort().getValue();
        assertThat(Objects.toString(port)).as(path + " port").isIn(Integer.toString(MANAGEMENT_PORT), "management");
        assertThat(probe.getTimeoutSeconds()).isLessThan(probe.getPeriodSeconds());
    }

    /**
     * The grace period exceeds the preStop sleep + quarkus.shutdown.delay + quarkus.shutdown.timeout, as the pod sets them
     * (QUARKUS_SHUTDOWN_* env, the chart's) or else application.properties does (%prod).
     */
    static void assertGracefulShutdown(PodSpec spec, Container app) throws IOException {
        long preStop = app.getLifecycle().getPreStop().getSleep().getSeconds();
        assertThat(preStop).isEqualTo(10L);
        Map<String, String> env = literalEnv(app);
        long delay = seconds(env.getOrDefault("QUARKUS_SHUTDOWN_DELAY", productionProperty("quarkus.shutdown.delay")));
        long timeout = seconds(env.getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT", productionProperty("quarkus.shutdown.timeout")));
        assertThat(delay).as("quarkus.shutdown.delay, s").isPositive();
        assertThat(timeout).as("quarkus.shutdown.timeout, s").isPositive();
        assertThat(spec.getTerminationGracePeriodSeconds()).as("terminationGracePeriodSeconds > preStop %d s + delay %d s"
                + " + timeout %d s", preStop, delay, timeout).isGreaterThan(preStop + delay + timeout);
    }

    /** A property of src/main/resources/application.properties as the packaged application reads it (%prod first). */
    static String productionProperty(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        String value = properties.getProperty("%prod." + name, properties.getProperty(name));
        assertThat(value).as(name + " in application.properties").isNotNull();
        return value;
    }

    /** A Quarkus duration in whole seconds: "5s", "1m", or ISO-8601. */
    private static long seconds(String duration) {
        String text = duration.trim().toUpperCase(java.util.Locale.ROOT);
        return Duration.parse(text.startsWith("P") ? text : "PT" + text).toSeconds();
    }

    static Container container(PodSpec spec, String name) {
        return containers(spec).stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>(spec.getContainers());
        all.addAll(spec.getInitContainers());
        return all;
    }

    static Map<String, String> literalEnv(Container container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    static List<String> secretRefs(Container container) {
        return container.getEnvFrom().stream().filter(e -> e.getSecretRef() != null).map(e -> e.getSecretRef().getName()).toList();
    }

    static Map<String, String> labels(HasMetadata resource) {
        return resource.getMetadata().getLabels() == null ? Map.of() : resource.getMetadata().getLabels();
    }

    private static VolumeMount mount(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
    }

    private static Volume volume(PodSpec spec, String name) {
        return spec.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }
}
