# Sourced by k8s/image-test.sh: the tools, podman's settings for this machine, and the stand-in base images.
# shellcheck shell=bash

# What the image test runs, installed from Debian's packages when missing (as root, like .ci/run).
install_tools() {
  local missing=() tool
  for tool in podman runc debootstrap curl openssl; do
    command -v "$tool" > /dev/null || missing+=("$tool")
  done
  command -v psql > /dev/null || missing+=(postgresql-client)
  /usr/bin/python3 -c 'import yaml' 2> /dev/null || missing+=(python3-yaml)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    { apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
      > "$WORK/apt.log" 2>&1 || fail "apt-get install ${missing[*]}: $(tail -n 5 "$WORK/apt.log")"
  fi
}

# The project's containers.conf, from this machine's hard limits: crun 1.8 refuses its hybrid cgroups (runc works),
# podman's default of 1048576 open files is above the hard limit, and podman lowers its own process limit to 32768,
# so a higher one is refused when runc sets it.
configure_podman() {
  local files processes
  files=$(ulimit -Hn); processes=$(ulimit -Hu)
  [ "$files" = unlimited ] && files=1048576
  { [ "$processes" = unlimited ] || [ "$processes" -gt 32768 ]; } && processes=32768
  cat > "$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$files:$files", "nproc=$processes:$processes"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
  export CONTAINERS_CONF=$WORK/containers.conf
  podman info --format '{{.Host.OCIRuntime.Name}}' > "$WORK/podman-info.log" 2>&1 \
    || fail "podman info: $(tail -n 5 "$WORK/podman-info.log")"
}

# The JRE of Dockerfile.jvm's stand-in base: Java SE and the JDK's runtime modules, none of its tools, as a JRE.
JRE_MODULES=java.se,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management
JRE_MODULES+=,jdk.management.agent,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.nio.mapmode,jdk.security.auth
JRE_MODULES+=,jdk.security.jgss,jdk.unsupported,jdk.xml.dom,jdk.zipfs
JLINK_OPTIONS=(--strip-debug --no-man-pages --no-header-files --generate-cds-archive)

# Sets BASE_JRE and BASE_JDK: Debian minbase with libargon2 (debootstrap of this machine's release, from its own apt
# mirror) plus the machine's Temurin, jlinked or whole. Kept between runs under a hash of the recipe; a new recipe
# or JDK builds them again and drops the old ones.
base_images() {
  local suite mirror recipe hash repo=localhost/user-service-image-test
  suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
  recipe="debootstrap --variant=minbase --include=libargon2-1 $suite; jlink $JRE_MODULES ${JLINK_OPTIONS[*]}
$(cat k8s/image-test/Containerfile.base "$JAVA_HOME/release")"
  hash=$(sha256sum <<< "$recipe" | cut -c 1-12)
  BASE_JRE=$repo/base-jre:$hash
  BASE_JDK=$repo/base-jdk:$hash
  if podman image exists "$BASE_JRE" && podman image exists "$BASE_JDK"; then
    say "base images: $BASE_JRE and $BASE_JDK, kept from an earlier run"
    return
  fi
  local dir=$WORK/base started=$SECONDS variant
  # shellcheck disable=SC2016 # apt's own $(...) fields
  mirror=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk -v s="$suite" '$2 == s {print $1; exit}')
  [ -n "$mirror" ] || fail "no apt mirror of Debian $suite configured on this machine"
  say "base images: debootstrap of Debian $suite minbase from $mirror, jlink of $JAVA_HOME (a few minutes, once)"
  remove_tree "$dir"
  mkdir -p "$dir/jre" "$dir/jdk"
  debootstrap --variant=minbase --include=libargon2-1 "$suite" "$dir/rootfs" "$mirror" > "$dir/debootstrap.log" 2>&1 \
    || { unmount_under "$dir/rootfs"; fail "debootstrap: $(tail -n 5 "$dir/debootstrap.log")"; }
  rm -rf "$dir"/rootfs/var/cache/apt/archives/*.deb "$dir"/rootfs/var/lib/apt/lists/* \
    "$dir"/rootfs/usr/share/{doc,man,info}/*
  tar -C "$dir/rootfs" --numeric-owner -c . | podman import --quiet - "$repo/os:$hash" > /dev/null
  "$JAVA_HOME/bin/jlink" --add-modules "$JRE_MODULES" "${JLINK_OPTIONS[@]}" --output "$dir/jre/java" \
    > "$dir/jlink.log" 2>&1 || fail "jlink: $(tail -n 5 "$dir/jlink.log")"
  cp -a "$JAVA_HOME" "$dir/jdk/java"
  for variant in jre jdk; do
    podman build --quiet --network host -f k8s/image-test/Containerfile.base --build-arg "OS_IMAGE=$repo/os:$hash" \
      -t "$repo/base-$variant:$hash" "$dir/$variant" > /dev/null
  done
  podman rmi "$repo/os:$hash" > /dev/null
  remove_tree "$dir"
  # earlier recipes' bases
  podman images --format '{{.Repository}}:{{.Tag}}' | grep -E "^$repo/base-(jre|jdk):" | grep -v ":$hash\$" \
    | xargs -r podman rmi > /dev/null 2>&1 || true
  say "base images built in $((SECONDS - started)) s"
}

# debootstrap mounts /proc and /sys in its target; a failed run may leave them there
unmount_under() {
  findmnt -rn -o TARGET | grep "^$1/" | sort -r | xargs -r umount -l 2> /dev/null || true
}

remove_tree() {
  unmount_under "$1"
  rm -rf --one-file-system "$1"
}
