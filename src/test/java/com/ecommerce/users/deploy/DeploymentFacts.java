package com.ecommerce.users.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The service's deployment as a flat list of facts, Deployment.spec.template.spec.containers[user-service].
 * startupProbe.periodSeconds = 5 (strings quoted, so that 1 and "1" differ), so that the chart's rendering and the generated manifests can be compared field
 * by field: every field of the Deployment's, the migration Job's and the Service's spec, and the ServiceAccount's token
 * setting. List items are keyed by name (containers, env, ports, volumes), mount path (volumeMounts) or Secret
 * (envFrom), so that order does not matter. Kubernetes' own defaults are filled in first (a probe's successThreshold: 1,
 * scheme: HTTP, a named probe port resolved to its number, readOnly: false...), since writing a default or leaving it
 * out states the same fact.
 */
final class DeploymentFacts {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeploymentFacts() {
    }

    /** The facts of the resources of the service among these: its Deployment, migration Job, Service and ServiceAccount. */
    static SortedMap<String, String> of(List<HasMetadata> resources) {
        SortedMap<String, String> facts = new TreeMap<>();
        Deployment deployment = SERIALIZATION.clone(Manifests.one(resources, Deployment.class));
        withDefaults(deployment.getSpec().getTemplate().getSpec());
        flatten("Deployment.spec", SERIALIZATION.convertValue(deployment.getSpec(), Object.class), facts);
        for (Job job : Manifests.all(resources, Job.class)) {
            Job copy = SERIALIZATION.clone(job);
            withDefaults(copy.getSpec().getTemplate().getSpec());
            flatten("Job.spec", SERIALIZATION.convertValue(copy.getSpec(), Object.class), facts);
        }
        Service service = SERIALIZATION.clone(Manifests.one(resources, Service.class));
        for (ServicePort port : service.getSpec().getPorts()) {
            // a Service's targetPort names the container's port or gives its number: the same port either way
            if (port.getTargetPort() != null && port.getTargetPort().getStrVal() != null) {
                port.setTargetPort(new IntOrString(containerPort(deployment.getSpec().getTemplate().getSpec(),
                        port.getTargetPort().getStrVal())));
            }
            if (port.getProtocol() == null) {
                port.setProtocol("TCP");
            }
        }
        flatten("Service.spec", SERIALIZATION.convertValue(service.getSpec(), Object.class), facts);
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        Manifests.all(resources, ServiceAccount.class).stream().filter(sa -> sa.getMetadata().getName().equals(account))
                .forEach(sa -> facts.put("ServiceAccount.automountServiceAccountToken",
                        String.valueOf(sa.getAutomountServiceAccountToken())));
        return facts;
    }

    /** Fills in what the API server would default, in place. */
    private static void withDefaults(PodSpec pod) {
        for (Container container : PodChecks.containers(pod)) {
            for (Probe probe : new Probe[] { container.getStartupProbe(), container.getReadinessProbe(),
                    container.getLivenessProbe() }) {
                if (probe == null) {
                    continue;
                }
                probe.setInitialDelaySeconds(orDefault(probe.getInitialDelaySeconds(), 0));
                probe.setPeriodSeconds(orDefault(probe.getPeriodSeconds(), 10));
                probe.setTimeoutSeconds(orDefault(probe.getTimeoutSeconds(), 1));
                probe.setSuccessThreshold(orDefault(probe.getSuccessThreshold(), 1));
                probe.setFailureThreshold(orDefault(probe.getFailureThreshold(), 3));
                HTTPGetAction get = probe.getHttpGet();
                if (get != null) {
                    if (get.getScheme() == null) {
                        get.setScheme("HTTP");
                    }
                    if (get.getPort().getStrVal() != null) {
                        get.setPort(new IntOrString(containerPort(container, get.getPort().getStrVal())));
                    }
                }
            }
            for (VolumeMount mount : container.getVolumeMounts()) {
                if (mount.getReadOnly() == null) {
                    mount.setReadOnly(false);
                }
            }
            for (ContainerPort port : container.getPorts()) {
                if (port.getProtocol() == null) {
                    port.setProtocol("TCP");
                }
            }
            container.getEnvFrom().stream().filter(source -> source.getSecretRef() != null)
                    .filter(source -> source.getSecretRef().getOptional() == null)
                    .forEach(source -> source.getSecretRef().setOptional(false));
        }
        for (Volume volume : pod.getVolumes()) {
            if (volume.getSecret() != null) {
                if (volume.getSecret().getOptional() == null) {
                    volume.getSecret().setOptional(false);
                }
                if (volume.getSecret().getDefaultMode() == null) {
                    volume.getSecret().setDefaultMode(0644);
                }
            }
        }
    }

    private static int orDefault(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name)).getContainerPort();
    }

    private static int containerPort(PodSpec pod, String name) {
        return pod.getContainers().stream().flatMap(c -> c.getPorts().stream()).filter(p -> name.equals(p.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name)).getContainerPort();
    }

    /** A JSON tree as path = value lines; an empty object or list is a fact too ("emptyDir: {}"). */
    private static void flatten(String path, Object node, Map<String, String> facts) {
        if (node instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                facts.put(path, "{}");
            }
            map.forEach((key, value) -> flatten(path + "." + key, value, facts));
        } else if (node instanceof Collection<?> items) {
            if (items.isEmpty()) {
                facts.put(path, "[]");
            }
            List<Object> list = new ArrayList<>(items);
            for (int i = 0; i < list.size(); i++) {
                flatten(path + "[" + itemKey(list.get(i), i) + "]", list.get(i), facts);
            }
        } else if (node instanceof String text) {
            // quoted: 1 and "1" are different facts (a rolling update's maxSurge of "1" is a malformed percentage)
            facts.put(path, '"' + text + '"');
        } else if (node != null) {
            facts.put(path, node.toString());
        }
    }

    private static String itemKey(Object item, int index) {
        if (item instanceof Map<?, ?> map) {
            if (map.get("mountPath") instanceof String mountPath) {
                return mountPath;
            }
            if (map.get("name") instanceof String name) {
                return name;
            }
            if (map.get("secretRef") instanceof Map<?, ?> ref) {
                return "secretRef:" + ref.get("name");
            }
            if (map.get("configMapRef") instanceof Map<?, ?> ref) {
                return "configMapRef:" + ref.get("name");
            }
        }
        return String.valueOf(index);
    }
}
