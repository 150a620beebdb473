# Sourced by k8s/image-test.sh: one container run as the manifests' pod runs it, and what is checked on it.
# The facts come from k8s/image-test/pod.py (prefix APP_ for the Deployment's container, JOB_ for the migration Job's).
# shellcheck shell=bash disable=SC2034 # READY_MS is read by the callers

# check_user PREFIX IMAGE: the kubelet's runAsNonRoot check, which refuses to start a container that is not
# verifiably non-root (its messages); podman has no such check.
check_user() {
  local -n non_root=${1}RUN_AS_NON_ROOT run_as=${1}RUN_AS_USER
  local user=${run_as[0]}
  [ -n "$user" ] || user=$(podman image inspect --format '{{.Config.User}}' "$2")
  user=${user%%:*}
  [ "${non_root[0]}" = true ] || return 0
  case $user in "" | 0) fail "$2: container has runAsNonRoot and image will run as root" ;; esac
  [[ "$user" =~ ^[0-9]+$ ]] \
    || fail "$2: container has runAsNonRoot and image has non-numeric user ($user), cannot verify user is non-root"
}

# run_as_pod PREFIX IMAGE NAME DATABASE: starts the container detached, with the pod's limits, security context,
# environment and volumes; Secrets are the throw-away ones of provide_secret.
run_as_pod() {
  local -n run_args=${1}RUN_ARGS mounts=${1}MOUNTS env_from=${1}ENV_FROM entrypoint=${1}ENTRYPOINT args=${1}ARGS \
    user=${1}RUN_AS_USER group=${1}RUN_AS_GROUP
  local image=$2 name=$3 database=$4 podman_args mount kind volume path access secret mode source
  podman_args=(--name "$name" --network host --pull never "${run_args[@]}")
  for mount in "${mounts[@]}"; do
    read -r kind volume path access secret mode <<< "$mount"
    case $kind in
      emptyDir) # a fresh directory on the node's disk, writable by anyone (as the kubelet makes it)
        source=$WORK/volumes/$name/$volume
        mkdir -p "$source" && chmod 0777 "$source"
        podman_args+=(-v "$source:$path:$access") ;;
      tmpfs) podman_args+=(--tmpfs "$path:rw,mode=1777") ;;
      secret) # the Secret's keys as files owned by root, with the volume's defaultMode
        source=$SECRETS/volume-$secret
        provide_secret "$secret" "$database" > /dev/null
        chmod "$mode" "$source"/*
        podman_args+=(-v "$source:$path:$access") ;;
    esac
  done
  for source in "${env_from[@]}"; do
    if provide_secret "${source%%:*}" "$database" > /dev/null; then
      podman_args+=(--env-file "$SECRETS/env-${source%%:*}")
    elif [ "${source##*:}" = required ]; then
      fail "the pod needs Secret ${source%%:*}, which the image test cannot provide"
    fi
  done
  if [ -n "${user[0]}${group[0]}" ]; then
    podman_args+=(--user "${user[0]:-$(podman image inspect --format '{{.Config.User}}' "$image")}${group[0]:+:${group[0]}}")
  fi
  [ ${#entrypoint[@]} -eq 0 ] || podman_args+=(--entrypoint "${entrypoint[0]}")
  # conmon 2.1 writes a file "oom" into its working directory when the container is OOM-killed: not into the clone
  (cd "$WORK" && podman run -d "${podman_args[@]}" "$image" "${args[@]}" > /dev/null)
}

# provide_secret NAME DATABASE: writes the throw-away stand-in of a Secret the manifests name (docs/deploying.md, the
# kubectl create secret commands), as an env file and as a volume directory; returns 1 for a Secret the pods may do
# without (the optional ones: bootstrap admin, SMTP).
provide_secret() {
  local name=$1 database=$2 dir=$SECRETS/volume-$1
  case $name in
    user-service-db)
      printf 'DATABASE_HOST=127.0.0.1:5432\nDATABASE_NAME=%s\nDATABASE_USERNAME=%s\nDATABASE_PASSWORD=%s\n' \
        "$database" "$database" "$(cat "$SECRETS/password-$database")" > "$SECRETS/env-$name" ;;
    user-service-jwt)
      mkdir -p "$dir"
      [ -f "$dir/signing-key.pem" ] \
        || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/signing-key.pem" 2> /dev/null
      chown -R root:root "$dir" ;;
    *) return 1 ;;
  esac
}

# probe_ok "PATH PORT SCHEME ...": one probe as the kubelet makes it (HTTP 200-399 within its timeout)
probe_ok() {
  local path port scheme delay period timeout failures status
  read -r path port scheme delay period timeout failures <<< "$1"
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time "$timeout" "$scheme://127.0.0.1:$port$path") || true
  [ "$status" -ge 200 ] 2> /dev/null && [ "$status" -lt 400 ]
}

# wait_ready NAME STARTED_NS: the startup probe, then the readiness probe, polled every 100 ms (the kubelet's period
# would round the time to 5 s) within the startup probe's budget; sets READY_MS.
wait_ready() {
  local name=$1 started=$2 path port scheme delay period timeout failures budget
  read -r path port scheme delay period timeout failures <<< "${APP_STARTUP_PROBE[0]}"
  budget=$((delay + period * failures))
  until probe_ok "${APP_STARTUP_PROBE[0]}" && probe_ok "${APP_READINESS_PROBE[0]}"; do
    running "$name" || fail "$name ended before it was ready: $(ended "$name")" "$name"
    [ $(($(date +%s%N) - started)) -lt $((budget * 1000000000)) ] \
      || fail "$name not ready within the startup probe's budget of $budget s" "$name"
    sleep 0.1
  done
  READY_MS=$((($(date +%s%N) - started) / 1000000))
  probe_ok "${APP_LIVENESS_PROBE[0]}" || fail "$name: liveness probe failed once ready" "$name"
}

# free_ports: the pod's ports are the host's here (host network); another process on one would answer instead
free_ports() {
  local port
  for port in "${APP_PORTS[@]}"; do
    [ -z "$(ss -Hltn "sport = :$port")" ] || fail "port $port is in use on this machine: the container would not get it"
  done
}

# ended NAME: how a container ended. podman's OOMKilled stays false on cgroup v1 here (conmon writes its "oom" file
# elsewhere), so the kernel's own record is quoted when it is readable.
ended() {
  local id oom
  id=$(podman inspect --format '{{.Id}}' "$1")
  oom=$(dmesg 2> /dev/null | grep -A 1 "oom_memcg=[^,]*$id" | grep -o 'Memory cgroup out of memory: Killed process [0-9]* ([a-z]*)' | tail -n 1)
  echo "exit $(exit_code "$1")${oom:+, $oom (the memory limit)}"
}

running() { [ "$(podman inspect --format '{{.State.Running}}' "$1" 2> /dev/null)" = true ]; }
exit_code() { podman inspect --format '{{.State.ExitCode}}' "$1"; }

# log_defects NAME: what a wrong image shows in its output although the service may go on: a write to the read-only
# root filesystem, a file the user cannot read, an AOT cache the JVM refused (its [error][aot] lines; JDK 25.0.3 also
# warns "Failed to link AdapterHandlerEntry" for one adapter whose hash collides, JDK-8364929: harmless), an
# OutOfMemoryError.
log_defects() {
  local found
  local defects='Read-only file system|Permission denied|AccessDeniedException|\]\[error *\]\[(aot|cds)'
  found=$(podman logs "$1" 2>&1 | grep -E -m 3 "$defects|java\.lang\.OutOfMemoryError" || true)
  [ -z "$found" ] || fail "$1 printed: $found" "$1"
}

# memory NAME: the container's peak memory (its cgroup's, which the limit applies to) and the JVM's peak RSS, in MiB
memory() {
  local cgroup pid peak
  cgroup=$(podman inspect --format '{{.State.CgroupPath}}' "$1")
  pid=$(podman inspect --format '{{.State.Pid}}' "$1")
  if [ -f "/sys/fs/cgroup/memory$cgroup/memory.max_usage_in_bytes" ]; then
    peak=$(cat "/sys/fs/cgroup/memory$cgroup/memory.max_usage_in_bytes")
  else
    peak=$(cat "/sys/fs/cgroup$cgroup/memory.peak")
  fi
  echo "$((peak >> 20)) $(($(awk '/VmHWM/ {print $2}' "/proc/$pid/status") >> 10))"
}

# parallel_requests OUT: the requests on stdin (url|json body per line) all at once, one "status retry-after" per line
parallel_requests() {
  local url body separator=""
  while IFS='|' read -r url body; do
    printf '%surl = "%s"\ndata = "%s"\nheader = "Content-Type: application/json"\noutput = "/dev/null"\n' \
      "$separator" "$url" "${body//\"/\\\"}"
    printf 'write-out = "%%{http_code} %%header{retry-after}\\n"\nmax-time = 60\n'
    separator=$'next\n'
  done > "$1.curl"
  curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 256 -K "$1.curl" > "$1" 2> "$1.err" || true
}
