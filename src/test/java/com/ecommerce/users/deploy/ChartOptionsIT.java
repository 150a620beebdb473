package com.ecommerce.users.deploy;

import static com.ecommerce.users.deploy.HelmChartIT.render;
import static com.ecommerce.users.deploy.PodChecks.container;
import static com.ecommerce.users.deploy.PodChecks.literalEnv;
import static com.ecommerce.users.deploy.PodChecks.secretRefs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Slow;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/**
 * The chart's optional settings that no other test renders both ways: the first admin, the previous verification
 * key, the optional Secrets, the ServiceAccount, what operators add to the pods (env, pull secrets, annotations,
 * labels), and the NetworkPolicy. Monitoring is MonitoringChartIT's, tracing ChartTracingIT's, mail, CORS and the migration mode HelmChartIT's.
 */
@Slow
class ChartOptionsIT {

    @Test
    void optionalSettingsOffLeaveNothingOfThemInThePods() throws IOException {
        List<HasMetadata> resources = render(t -> t.set("serviceAccount.create", false)
                .set("bootstrapAdmin.existingSecret", "").set("mail.smtp.existingSecret", "")
                .set("introspection.existingSecret", "").set("mfa.existingSecret", ""));
        PodTemplateSpec pod = Manifests.one(resources, Deployment.class).getSpec().getTemplate();
        Container app = container(pod.getSpec(), "user-service");
        assertThat(secretRefs(app)).containsExactly("user-service-db");
        assertThat(literalEnv(app)).doesNotContainKeys("USERS_BOOTSTRAP_ADMIN_EMAIL",
                "USERS_JWT_PREVIOUS_VERIFICATION_KEY_LOCATION", "QUARKUS_MAILER_FROM");
        // the namespace's default account, still without an API token; the hook Job keeps its own account
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
        PodChecks.assertApiTokenOnlyFor("Deployment", pod.getSpec());
        assertThat(Manifests.all(resources, ServiceAccount.class)).extracting(sa -> sa.getMetadata().getName())
                .containsExactly("users-user-service-migration");
        assertThat(pod.getSpec().getImagePullSecrets()).isNullOrEmpty();
        assertThat(Manifests.all(resources, NetworkPolicy.class)).isEmpty();
    }

    @Test
    void theNetworkPolicyLetsOnlyItsPeersReachTheManagementPort() throws IOException {
        List<HasMetadata> resources = render(t -> t.set("networkPolicy.enabled", true));
        NetworkPolicy policy = Manifests.one(resources, NetworkPolicy.class);
        Deployment deployment = Manifests.one(resources, Deployment.class);
        // the service's pods, not the migration Job's
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/component", policy.getSpec().getPodSelector().getMatchLabels()
                        .get("app.kubernetes.io/component"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(2).allSatisfy(rule -> assertThat(rule.getPorts()).hasSize(1));
        // the API from anywhere; the management port from Prometheus' namespace only
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts().getFirst().getPort().getStrVal()).isEqualTo("http");
            assertThat(rule.getFrom()).isNullOrEmpty();
        });
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts().getFirst().getPort().getStrVal()).isEqualTo("management");
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector()
                    .getMatchLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring")));
        });
        // both ports are the container's, by name
        assertThat(container(deployment.getSpec().getTemplate().getSpec(), "user-service").getPorts())
                .extracting(ContainerPort::getName).containsExactlyInAnyOrder("http", "management");
    }

    @Test
    void aNetworkPolicyWithoutManagementPeersIsRefusedSinceItWouldAdmitEverybody() {
        // an empty list, and a peer that selects nothing in particular (an empty peer matches every pod)
        assertThatThrownBy(() -> render(t -> t.set("networkPolicy.enabled", true).set("networkPolicy.managementFrom", "{}")))
                .hasMessageContaining("managementFrom");
        assertThatThrownBy(() -> render(t -> t.set("networkPolicy.enabled", true)
                .set("networkPolicy.managementFrom[0].namespaceSelector", "null")))
                .hasMessageContaining("managementFrom");
    }

    @Test
    void optionalSettingsOnReachThePods() throws IOException {
        List<HasMetadata> resources = render(t -> t.set("bootstrapAdmin.email", "admin@shop.example.com")
                .set("jwt.previousVerificationKeyFile", "previous-public-key.pem")
                .set("mail.from", "Shop <no-reply@shop.example.com>")
                .set("serviceAccount.name", "users-irsa")
                .set("env[0].name", "QUARKUS_LOG_LEVEL").set("env[0].value", "DEBUG")
                .set("imagePullSecrets[0].name", "ecr-pull")
                .set("podAnnotations.example\\.com/team", "shop-accounts").set("podLabels.tier", "backend"));
        PodTemplateSpec pod = Manifests.one(resources, Deployment.class).getSpec().getTemplate();
        Container app = container(pod.getSpec(), "user-service");
        assertThat(literalEnv(app)).containsEntry("USERS_BOOTSTRAP_ADMIN_EMAIL", "admin@shop.example.com")
                .containsEntry("USERS_JWT_PREVIOUS_VERIFICATION_KEY_LOCATION",
                        "/var/run/secrets/user-service-jwt/previous-public-key.pem")
                .containsEntry("QUARKUS_MAILER_FROM", "Shop <no-reply@shop.example.com>")
                .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG");
        assertThat(secretRefs(app)).contains("user-service-bootstrap-admin");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("users-irsa");
        assertThat(Manifests.all(resources, ServiceAccount.class)).extracting(sa -> sa.getMetadata().getName())
                .contains("users-irsa");
        assertThat(pod.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("ecr-pull");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("example.com/team", "shop-accounts");
        assertThat(pod.getMetadata().getLabels()).containsEntry("tier", "backend");

        // the migration Job: the extra env and the pull secret (it runs the same image), not the service's own settings
        PodTemplateSpec migration = Manifests.one(resources, Job.class).getSpec().getTemplate();
        Container migrate = container(migration.getSpec(), "migrate");
        assertThat(literalEnv(migrate)).containsEntry("QUARKUS_LOG_LEVEL", "DEBUG")
                .doesNotContainKeys("USERS_BOOTSTRAP_ADMIN_EMAIL", "QUARKUS_MAILER_FROM");
        assertThat(migration.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName)
                .containsExactly("ecr-pull");
    }
}
