"""What one container of the manifests gets from Kubernetes, as bash assignments for k8s/image-test.sh.

  python3 pod.py MANIFESTS KIND NAME CONTAINER PREFIX
  e.g. python3 pod.py target/kubernetes/kubernetes.yml Deployment user-service user-service APP_

NAME "-" takes the only resource of that KIND (the migration Job's name carries the image tag). Prints the podman
arguments that enact the container's limits, security context and literal environment (RUN_ARGS), and what the
script provides or checks itself: Secrets as environment (ENV_FROM) and as volumes (MOUNTS), probes, preStop, grace
period, the user check. Anything of the pod it cannot enact (a setting it does not know, a volume kind it cannot
make) stops it with exit 2 and says which, so the image test never passes on a pod other than the manifests' one.
Scheduling (affinity, spread), the API token and init containers are Kubernetes' business: listed as not enacted,
and ignored.
"""
import json
import re
import shlex
import sys

import yaml

# Kubernetes' own: nothing the container runtime sees (scheduling, API access, pull policy, what the pod waits for).
NOT_ENACTED_POD = {"initContainers", "serviceAccountName", "automountServiceAccountToken", "topologySpreadConstraints",
                   "affinity", "nodeSelector", "tolerations", "imagePullSecrets", "priorityClassName", "restartPolicy"}
ENACTED_POD = {"containers", "volumes", "securityContext", "terminationGracePeriodSeconds"}
ENACTED_CONTAINER = {"name", "image", "imagePullPolicy", "command", "args", "env", "envFrom", "ports", "resources",
                     "securityContext", "volumeMounts", "startupProbe", "readinessProbe", "livenessProbe", "lifecycle",
                     "terminationMessagePath", "terminationMessagePolicy"}
ENACTED_SECURITY = {"allowPrivilegeEscalation", "readOnlyRootFilesystem", "runAsNonRoot", "runAsUser", "runAsGroup",
                    "capabilities", "seccompProfile", "privileged"}
# fields of a pod-level securityContext that the container's own overrides (the rest are refused, e.g. fsGroup)
POD_SECURITY_INHERITED = {"runAsNonRoot", "runAsUser", "runAsGroup", "seccompProfile"}

BINARY = {"Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40}
DECIMAL = {"k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}


class Refused(Exception):
    pass


def refuse_unknown(what, mapping, known):
    unknown = sorted(set(mapping or {}) - known)
    if unknown:
        raise Refused(f"{what}: cannot enact {', '.join(unknown)}")


def memory_bytes(quantity):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?", str(quantity))
    if not match:
        raise Refused(f"memory quantity {quantity!r}")
    return int(float(match.group(1)) * {**BINARY, **DECIMAL}.get(match.group(2), 1))


def cpus(quantity):
    text = str(quantity)
    return f"{int(text[:-1]) / 1000:g}" if text.endswith("m") else f"{float(text):g}"


def find(resources, kind, name):
    found = [r for r in resources if r and r.get("kind") == kind and name in ("-", r["metadata"]["name"])]
    if len(found) != 1:
        raise Refused(f"{len(found)} {kind} resources named {name}, expected one")
    return found[0]


def probe(container, kind):
    """path port scheme initialDelay period timeout failureThreshold, or empty without such a probe."""
    spec = container.get(kind)
    if not spec:
        return ""
    if "httpGet" not in spec:
        raise Refused(f"{kind}: only httpGet probes are enacted")
    get = spec["httpGet"]
    port = get["port"]
    if not isinstance(port, int):  # a named port of the container
        named = [p["containerPort"] for p in container.get("ports", []) if p.get("name") == port]
        if not named:
            raise Refused(f"{kind}: no container port named {port}")
        port = named[0]
    return " ".join(str(v) for v in (get.get("path", "/"), port, get.get("scheme", "HTTP").lower(),
                                     spec.get("initialDelaySeconds", 0), spec.get("periodSeconds", 10),
                                     spec.get("timeoutSeconds", 1), spec.get("failureThreshold", 3)))


def security(pod_spec, container):
    pod_context = pod_spec.get("securityContext") or {}
    refuse_unknown("pod securityContext", pod_context, POD_SECURITY_INHERITED)
    context = {**pod_context, **(container.get("securityContext") or {})}
    refuse_unknown("container securityContext", context, ENACTED_SECURITY)
    args = []
    if context.get("privileged"):
        raise Refused("privileged containers are not enacted")
    if context.get("readOnlyRootFilesystem"):
        # podman would otherwise add writable tmpfs at /tmp, /run and /var/tmp: only the pod's volumes are writable
        args += ["--read-only", "--read-only-tmpfs=false"]
    capabilities = context.get("capabilities") or {}
    refuse_unknown("capabilities", capabilities, {"drop", "add"})
    args += [f"--cap-drop={c}" for c in capabilities.get("drop", [])]
    args += [f"--cap-add={c}" for c in capabilities.get("add", [])]
    if context.get("allowPrivilegeEscalation") is False:
        args.append("--security-opt=no-new-privileges")
    seccomp = (context.get("seccompProfile") or {}).get("type", "RuntimeDefault")
    if seccomp == "Unconfined":
        args.append("--security-opt=seccomp=unconfined")
    elif seccomp != "RuntimeDefault":  # RuntimeDefault: podman's default profile, as containerd's
        raise Refused(f"seccompProfile {seccomp}")
    return context, args


def resources(container):
    limits = (container.get("resources") or {}).get("limits") or {}
    refuse_unknown("resource limits", limits, {"cpu", "memory"})
    args = []
    if "memory" in limits:  # and no swap, as on a Kubernetes node
        size = memory_bytes(limits["memory"])
        args += [f"--memory={size}", f"--memory-swap={size}"]
    if "cpu" in limits:
        args.append(f"--cpus={cpus(limits['cpu'])}")
    return args


def environment(container):
    args = []
    for variable in container.get("env", []):
        if "valueFrom" in variable:
            raise Refused(f"env {variable['name']}: valueFrom is not enacted")
        args.append(f"--env={variable['name']}={variable.get('value', '')}")
    env_from = []
    for source in container.get("envFrom", []):
        refuse_unknown("envFrom", source, {"secretRef"})
        optional = "optional" if source["secretRef"].get("optional") else "required"
        env_from.append(f"{source['secretRef']['name']}:{optional}")
    return args, env_from


def mounts(pod_spec, container):
    volumes = {v["name"]: v for v in pod_spec.get("volumes", [])}
    found = []
    for mount in container.get("volumeMounts", []):
        refuse_unknown(f"volumeMount {mount['name']}", mount, {"name", "mountPath", "readOnly"})
        volume = volumes[mount["name"]]
        access = "ro" if mount.get("readOnly") else "rw"
        if "emptyDir" in volume:
            medium = (volume["emptyDir"] or {}).get("medium", "")
            kind = "tmpfs" if medium == "Memory" else "emptyDir"
            found.append(f"{kind} {mount['name']} {mount['mountPath']} {access}")
        elif "secret" in volume:
            secret = volume["secret"]
            refuse_unknown(f"secret volume {mount['name']}", secret, {"secretName", "defaultMode", "optional"})
            mode = format(secret.get("defaultMode", 0o644), "o")
            found.append(f"secret {mount['name']} {mount['mountPath']} {access} {secret['secretName']} {mode}")
        else:
            raise Refused(f"volume {mount['name']}: only emptyDir and secret volumes are enacted")
    return found


def describe(manifests, kind, name, container_name):
    with open(manifests) as file:
        resource = find(list(yaml.safe_load_all(file)), kind, name)
    template = resource["spec"]["template"] if kind != "Pod" else resource
    pod_spec = template["spec"]
    refuse_unknown(f"{kind}/{name} pod", pod_spec, ENACTED_POD | NOT_ENACTED_POD)
    container = next((c for c in pod_spec["containers"] if c["name"] == container_name), None)
    if container is None:
        raise Refused(f"{kind}/{name} has no container {container_name}")
    refuse_unknown(f"container {container_name}", container, ENACTED_CONTAINER)
    context, security_args = security(pod_spec, container)
    env_args, env_from = environment(container)
    lifecycle = container.get("lifecycle") or {}
    refuse_unknown("lifecycle", lifecycle, {"preStop"})
    pre_stop = lifecycle.get("preStop") or {}
    annotations = (template.get("metadata") or {}).get("annotations") or {}
    limits = (container.get("resources") or {}).get("limits") or {}
    refuse_unknown("preStop", pre_stop, {"sleep"})
    return {
        "IMAGE": [container["image"]],
        "RUN_ARGS": resources(container) + security_args + env_args,
        "MEMORY_LIMIT": [str(memory_bytes(limits["memory"])) if "memory" in limits else ""],
        "RUN_AS_NON_ROOT": [str(bool(context.get("runAsNonRoot"))).lower()],
        "RUN_AS_USER": [str(context.get("runAsUser", ""))],
        "RUN_AS_GROUP": [str(context.get("runAsGroup", ""))],
        "ENTRYPOINT": [json.dumps(container["command"])] if container.get("command") else [],
        "ARGS": container.get("args", []),
        "ENV_FROM": env_from,
        "MOUNTS": mounts(pod_spec, container),
        "PORTS": [str(p["containerPort"]) for p in container.get("ports", [])],
        # the API's port: the one named http, else the first
        "HTTP_PORT": [str(next((p["containerPort"] for p in container.get("ports", []) if p.get("name") == "http"),
                               (container.get("ports") or [{}])[0].get("containerPort", "")))],
        # where Prometheus scrapes, from the pod's annotations: "path port"
        "METRICS": [" ".join(annotations.get(f"prometheus.io/{k}", "") for k in ("path", "port")).strip()],
        "STARTUP_PROBE": [probe(container, "startupProbe")],
        "READINESS_PROBE": [probe(container, "readinessProbe")],
        "LIVENESS_PROBE": [probe(container, "livenessProbe")],
        "PRE_STOP_SLEEP": [str((pre_stop.get("sleep") or {}).get("seconds", 0))],
        "GRACE_SECONDS": [str(pod_spec.get("terminationGracePeriodSeconds", 30))],
        "ACTIVE_DEADLINE_SECONDS": [str(resource["spec"].get("activeDeadlineSeconds", ""))],
        "NOT_ENACTED": sorted(set(pod_spec) & NOT_ENACTED_POD),
    }


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    try:
        facts = describe(*sys.argv[1:5])
    except (Refused, KeyError) as e:
        print(f"pod.py: {' '.join(sys.argv[2:5])}: {e}", file=sys.stderr)
        sys.exit(2)
    for name, values in facts.items():
        print(f"{sys.argv[5]}{name}=({' '.join(shlex.quote(v) for v in values)})")


if __name__ == "__main__":
    main()
