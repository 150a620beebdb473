#!/usr/bin/env bash
# The images, built and run here as the pod runs them (docs/deploying.md, "The images, run as the pod runs them").
#
#   k8s/image-test.sh        as root, on a Debian 12 machine with the local PostgreSQL (localhost:5432, trust auth)
#
# Installs what it needs (podman, runc, debootstrap), makes a stand-in base image (Debian minbase + the machine's
# Temurin; no image registry is needed), packages the application (plain jar; AOT jar trained by SmokeScriptIT) and
# builds the JVM and JVM-AOT images from src/main/docker. Then each image, as target/kubernetes/kubernetes.yml says
# (user, read-only root with the pod's volumes only, capabilities, limits, JVM options, probes, preStop, grace
# period; k8s/image-test/pod.py reads them): the migration Job's container migrates a fresh database; the service
# is ready within the startup probe's budget, passes the smoke test, hashes with libargon2, answers a 200-login flood
# without being OOM-killed, and ends cleanly on SIGTERM with requests in flight. The AOT image must start faster.
# Prints the figures; exits non-zero on the first failure, saying what and showing the container's last log lines.
#
# Settings: IMAGE_TEST_STARTS (3) starts of each image for the start-up medians; JAVA_HOME (Temurin 25, as .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
STARTS=${IMAGE_TEST_STARTS:-3}
WORK=$PWD/target/image-test
CONTAINER_PREFIX=image-test-$$
DATABASE_PREFIX=image_test_$$
IMAGE_REPO=localhost/user-service-image-test
VARIANTS=(jvm jvm-aot)
declare -A DOCKERFILE=([jvm]=src/main/docker/Dockerfile.jvm [jvm-aot]=src/main/docker/Dockerfile.jvm-aot)
declare -A FIGURES_SIZE FIGURES_READY FIGURES_MIGRATION FIGURES_FLOOD FIGURES_MEMORY FIGURES_SHUTDOWN

say() { echo "image test: $*"; }

# fail MESSAGE [CONTAINER]: the reason, and the container's last log lines
fail() {
  echo "image test FAILED: $1" >&2
  if [ -n "${2:-}" ] && podman container exists "$2" 2> /dev/null; then
    echo "--- last lines of $2:" >&2
    podman logs --tail 25 "$2" 2>&1 | cut -c 1-400 >&2
  fi
  exit 1
}

cleanup() {
  local name variant
  for name in $(podman ps -a --format '{{.Names}}' 2> /dev/null | grep "^$CONTAINER_PREFIX-" || true); do
    podman rm -f "$name" > /dev/null 2>&1 || true
  done
  for variant in "${VARIANTS[@]}"; do
    drop_database "${DATABASE_PREFIX}_${variant//-/_}"
    podman rmi "$IMAGE_REPO/$variant:$$" > /dev/null 2>&1 || true
  done
  rm -rf "${SECRETS:-/nonexistent}" "$WORK/volumes"
}

source k8s/image-test/base.sh
source k8s/image-test/pod.sh
source k8s/image-test/checks.sh

[ "$(id -u)" = 0 ] || fail "run as root: podman runs the containers rootful, as the kubelet does, and apt-get \
installs what is missing"
mkdir -p "$WORK"
exec 9> "$WORK/lock"
flock -n 9 || fail "another image test runs in this clone"
SECRETS=$(mktemp -d)
trap cleanup EXIT
install_tools
configure_podman
pg_isready -q -h localhost -p 5432 || fail "no PostgreSQL on localhost:5432"

# The packaged application, each into its own build context (what the Dockerfiles COPY: target/quarkus-app).
say "packaging the application (plain jar, then the AOT jar trained by SmokeScriptIT)"
MAVEN_ARGS="--batch-mode --no-transfer-progress -q" ./mvnw package -DskipTests > "$WORK/package.log" 2>&1 \
  || fail "./mvnw package: $(tail -n 20 "$WORK/package.log")"
rm -rf "$WORK/context-jvm" && mkdir -p "$WORK/context-jvm/target"
cp -a target/quarkus-app "$WORK/context-jvm/target/"
MAVEN_ARGS="--batch-mode --no-transfer-progress" ./mvnw verify -Dquarkus.package.jar.aot.enabled=true \
  -Dquarkus.package.output-directory=image-test-aot -Dtest=NONE -Dit.test=SmokeScriptIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  ${USERS_DEV_DATABASE_NAME:+-Dusers.dev-database.name=$USERS_DEV_DATABASE_NAME} > "$WORK/package-aot.log" 2>&1 \
  || fail "./mvnw verify (AOT training): $(grep -E 'ERROR|FAIL' "$WORK/package-aot.log" | head -n 20)"
# Quarkus 3.33 waits 20 s for the JVM that writes the cache, then says "AOT file created" and goes on without it:
# on this machine the cache was still being written when Maven had ended. Wait for that JVM (it is ours: our path).
for ((i = 0; i < 600; i++)); do
  pgrep -f -- "-XX:AOTCache=$PWD/target/image-test-aot/app.aot" > /dev/null || break
  sleep 1
done
[ "$i" -lt 600 ] || fail "the JVM writing target/image-test-aot/app.aot still runs after 10 minutes"
[ -s target/image-test-aot/app.aot ] || fail "the AOT build wrote no target/image-test-aot/app.aot"
say "AOT cache written: $(($(stat -c %s target/image-test-aot/app.aot) >> 20)) MiB, $i s after Maven ended"
rm -rf "$WORK/context-jvm-aot" && mkdir -p "$WORK/context-jvm-aot/target"
cp -a target/image-test-aot "$WORK/context-jvm-aot/target/quarkus-app"

# The pod, as the manifests of this build say.
for facts in "Deployment user-service user-service APP_" "Job - migrate JOB_"; do
  # shellcheck disable=SC2086 # five words on purpose
  pod=$(/usr/bin/python3 k8s/image-test/pod.py target/kubernetes/kubernetes.yml $facts) || fail "reading the manifests"
  eval "$pod"
done
say "the pod: ${APP_RUN_ARGS[*]}; volumes: ${APP_MOUNTS[*]}; not enacted (Kubernetes' own): ${APP_NOT_ENACTED[*]}"

base_images
for variant in "${VARIANTS[@]}"; do
  base=$BASE_JRE; [ "$variant" = jvm ] || base=$BASE_JDK
  cp .dockerignore "$WORK/context-$variant/"
  podman build --quiet --network host -f "${DOCKERFILE[$variant]}" --build-arg "BASE_IMAGE=$base" \
    -t "$IMAGE_REPO/$variant:$$" "$WORK/context-$variant" > "$WORK/build-$variant.log" 2>&1 \
    || fail "podman build ${DOCKERFILE[$variant]}: $(tail -n 20 "$WORK/build-$variant.log")"
  FIGURES_SIZE[$variant]=$(($(podman image inspect --format '{{.Size}}' "$IMAGE_REPO/$variant:$$") / 1000000))
  say "built $variant from ${DOCKERFILE[$variant]} on $base: ${FIGURES_SIZE[$variant]} MB"
done

for variant in "${VARIANTS[@]}"; do
  image=$IMAGE_REPO/$variant:$$
  database=${DATABASE_PREFIX}_${variant//-/_}
  create_database "$database"
  migrate "$image" "$variant" "$database"
  say "$variant: the migration Job's container: ${FIGURES_MIGRATION[$variant]}"
  serve "$image" "$variant" "$database"
  say "$variant: ready after ${FIGURES_READY[$variant]} ms; smoke test passed; hashing with libargon2"
  flood "$variant" "$database"
  say "$variant: flood of $LOGINS logins: ${FIGURES_FLOOD[$variant]}; peak memory ${FIGURES_MEMORY[$variant]}"
  terminate "$variant" "$database"
  say "$variant: shutdown ${FIGURES_SHUTDOWN[$variant]}"
done

# More starts, alternating, so that the machine's other work weighs on both alike.
for ((start = 2; start <= STARTS; start++)); do
  for variant in "${VARIANTS[@]}"; do
    restart "$IMAGE_REPO/$variant:$$" "$variant" "$start" "${DATABASE_PREFIX}_${variant//-/_}"
  done
done
median() { tr ' ' '\n' <<< "$1" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
plain=$(median "${FIGURES_READY[jvm]}")
aot=$(median "${FIGURES_READY[jvm-aot]}")
speedup=$(awk -v p="$plain" -v a="$aot" 'BEGIN {printf "%.2f", p / a}')

echo
echo "image test passed, $(date -u +%Y-%m-%d), $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' \
  /proc/cpuinfo)), $(podman --version), $(java -version 2>&1 | head -n 1)"
for variant in "${VARIANTS[@]}"; do
  echo "  $variant: ${FIGURES_SIZE[$variant]} MB; ready after $(median "${FIGURES_READY[$variant]}") ms" \
    "(median of ${FIGURES_READY[$variant]# })"
  echo "    flood: ${FIGURES_FLOOD[$variant]}; peak memory ${FIGURES_MEMORY[$variant]}"
  echo "    shutdown: ${FIGURES_SHUTDOWN[$variant]}"
  echo "    migration Job: ${FIGURES_MIGRATION[$variant]}"
done
echo "  AOT start-up speed-up: ${speedup}x"
echo "  run time: $SECONDS s"
awk -v s="$speedup" 'BEGIN {exit !(s > 1)}' \
  || fail "the AOT image did not start faster than the plain one (${speedup}x)"
