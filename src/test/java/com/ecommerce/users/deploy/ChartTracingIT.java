package com.ecommerce.users.deploy;

import static com.ecommerce.users.deploy.HelmChartIT.EKS_VALUES;
import static com.ecommerce.users.deploy.HelmChartIT.render;
import static com.ecommerce.users.deploy.PodChecks.container;
import static com.ecommerce.users.deploy.PodChecks.literalEnv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Slow;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** The chart's tracing values (docs/operations.md, "Tracing"): the OTLP endpoint reaches the service's pods only. */
@Slow
class ChartTracingIT {

    @Test
    void aTracingEndpointRendersIntoTheDeploymentOnly() throws IOException {
        Container byDefault = container(Manifests.one(render(t -> t), Deployment.class).getSpec().getTemplate().getSpec(),
                "user-service");
        // no endpoint, no tracing (TracingSwitch)
        assertThat(literalEnv(byDefault)).doesNotContainKeys("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");

        List<HasMetadata> resources = render(t -> t.set("tracing.otlpEndpoint", "http://adot-collector.observability:4318")
                .set("tracing.otlpProtocol", "http/protobuf"));
        Container app = container(Manifests.one(resources, Deployment.class).getSpec().getTemplate().getSpec(), "user-service");
        assertThat(literalEnv(app))
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://adot-collector.observability:4318")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        // the migration Job stays untraced
        Container migrate = container(Manifests.one(resources, Job.class).getSpec().getTemplate().getSpec(), "migrate");
        assertThat(literalEnv(migrate)).doesNotContainKey("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");

        Container eks = container(Manifests.one(render(t -> t.withValuesFile(EKS_VALUES)), Deployment.class).getSpec()
                .getTemplate().getSpec(), "user-service");
        assertThat(literalEnv(eks)).containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc")
                .hasEntrySatisfying("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", e -> assertThat(e).endsWith(":4317"));

        // a URL, and a protocol Quarkus speaks
        assertThatThrownBy(() -> render(t -> t.set("tracing.otlpEndpoint", "adot-collector:4317")))
                .hasMessageContaining("otlpEndpoint");
        assertThatThrownBy(() -> render(t -> t.set("tracing.otlpProtocol", "http/json"))).hasMessageContaining("otlpProtocol");
    }
}
