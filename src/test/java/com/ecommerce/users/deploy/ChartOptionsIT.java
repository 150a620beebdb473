package com.ecommerce.users.deploy;

import static com.ecommerce.users.deploy.HelmChartIT.render;
import static com.ecommerce.users.deploy.PodChecks.container;
import static com.ecommerce.users.deploy.PodChecks.literalEnv;
import static com.ecommerce.users.deploy.PodChecks.secretRefs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Slow;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The chart's optional settings that no other test renders both ways: the first admin, the previous verification
 * key, the optional Secrets, the ServiceAccount, and what operators add to the pods (env, pull secrets, annotations,
 * labels). Monitoring is MonitoringChartIT's, tracing ChartTracingIT's, mail, CORS and the migration mode HelmChartIT's.
 */
@Slow
class ChartOptionsIT {

    @Test
    void optionalSettingsOffLeaveNothingOfThemInThePods() throws IOException {
        List<HasMetadata> resources = render(t -> t.set("serviceAccount.create", false)
                .set("bootstrapAdmin.existingSecret", "").set("mail.smtp.existingSecret", ""));
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
