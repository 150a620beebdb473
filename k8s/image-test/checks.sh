# Sourced by k8s/image-test.sh: what is checked on the running images. Each check fails the run with one line
# saying what went wrong (and the container's last log lines); figures land in the FIGURES_* maps.
# shellcheck shell=bash disable=SC2034 # the FIGURES_* maps are printed by k8s/image-test.sh

LOGINS=200
FLOOD_PASSWORD="flood password 1"

sql() { psql -X -q -v ON_ERROR_STOP=1 -At -h localhost -p 5432 -U postgres "$@"; }

# create_database NAME / drop_database NAME: a throw-away role and database, as the RDS instance of the Secret
create_database() {
  openssl rand -hex 16 > "$SECRETS/password-$1"
  drop_database "$1"
  sql -c "CREATE ROLE $1 LOGIN PASSWORD '$(cat "$SECRETS/password-$1")'" -c "CREATE DATABASE $1 OWNER $1"
}
drop_database() {
  sql -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "DROP ROLE IF EXISTS $1" 2> /dev/null || true
}

# migrate IMAGE VARIANT DATABASE: the migration Job's container on a fresh database exits 0 within the Job's
# activeDeadlineSeconds and leaves every versioned migration of the project applied (the SQL files in
# src/main/resources/db/migration and the Java ones in src/main/java/db/migration).
migrate() {
  local image=$1 name=$CONTAINER_PREFIX-$2-migrate database=$3 started=$SECONDS
  local deadline=${JOB_ACTIVE_DEADLINE_SECONDS[0]:-600} expected applied
  check_user JOB_ "$image"
  run_as_pod JOB_ "$image" "$name" "$database"
  timeout "$deadline" podman wait "$name" > /dev/null \
    || fail "the migration Job's container still ran after activeDeadlineSeconds ($deadline s)" "$name"
  [ "$(exit_code "$name")" = 0 ] || fail "the migration Job's container exited $(exit_code "$name")" "$name"
  log_defects "$name"
  expected=$(find src/main/resources/db/migration src/main/java/db/migration -name 'V*.sql' -o -name 'V*.java' | wc -l)
  applied=$(sql -d "$database" -c "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
  [ "$applied" = "$expected" ] || fail "the migration Job applied $applied migrations, the project has $expected" "$name"
  FIGURES_MIGRATION[$2]="$applied migrations, exit 0 after $((SECONDS - started)) s"
}

# serve IMAGE VARIANT DATABASE: the Deployment's container, ready within the startup probe's budget; then the smoke
# test (register, log in, read /users/me: the database, the signing key, the hash) and libargon2 in use.
serve() {
  local image=$1 name=$CONTAINER_PREFIX-$2 database=$3 started metrics_path metrics_port
  check_user APP_ "$image"
  free_ports
  started=$(date +%s%N)
  run_as_pod APP_ "$image" "$name" "$database"
  wait_ready "$name" "$started"
  FIGURES_READY[$2]=$READY_MS
  bash k8s/smoke-test.sh "http://127.0.0.1:${APP_HTTP_PORT[0]}" > "$WORK/$name-smoke.log" 2>&1 \
    || fail "smoke test: $(cat "$WORK/$name-smoke.log")" "$name"
  read -r metrics_path metrics_port <<< "${APP_METRICS[0]}"
  curl -fsS --max-time 10 "http://127.0.0.1:${metrics_port:-${APP_HTTP_PORT[0]}}${metrics_path:-/q/metrics}" \
    | grep -q '^users_password_hasher_info{implementation="libargon2"} 1' \
    || fail "the service does not hash with libargon2 (users_password_hasher_info): is it in the image?" "$name"
  log_defects "$name"
}

# flood VARIANT DATABASE: 200 logins at once, half on the FastAPI app's passlib hashes (100 MiB each to verify), as
# LoginFloodIT; each answered 200, or 503 with Retry-After; the container is neither OOM-killed nor ended.
flood() {
  local name=$CONTAINER_PREFIX-$1 database=$2 base=http://127.0.0.1:${APP_HTTP_PORT[0]}
  local out=$WORK/$CONTAINER_PREFIX-$1-flood passlib_hash passlib_password status i served refused peak rss
  read -r passlib_hash passlib_password < <(/usr/bin/python3 -c '
import json
vector = next(v for v in json.load(open("src/test/resources/password-vectors/passlib-vectors.json"))["verify"]
              if v["scheme"] == "passlib-default")
print(vector["hash"], vector["password"])')
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$base/users" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Flood\",\"email\":\"template@flood.example\",\"password\":\"$FLOOD_PASSWORD\"}")
  [ "$status" = 201 ] || fail "flood: registering the template account answered $status" "$name"
  sql -d "$database" -c "INSERT INTO users (name, email, password)
    SELECT 'Flood ' || g, 'current-' || g || '@flood.example',
           (SELECT password FROM users WHERE email = 'template@flood.example')
    FROM generate_series(1, $((LOGINS + 1))) g
    UNION ALL
    SELECT 'Flood ' || g, 'passlib-' || g || '@flood.example', '$passlib_hash' FROM generate_series(1, $((LOGINS + 1))) g"
  for i in 0 1; do # each code path once before the flood
    printf '%s|%s\n' "$base/auth/login" "$(login_body "$i" 1 "$passlib_password")"
  done | parallel_requests "$out-warm"
  [ "$(cut -d' ' -f1 "$out-warm" | sort -u)" = 200 ] \
    || fail "flood: the warm-up logins answered $(tr '\n' ' ' < "$out-warm")" "$name"

  for ((i = 0; i < LOGINS; i++)); do
    printf '%s|%s\n' "$base/auth/login" "$(login_body "$i" $((i + 2)) "$passlib_password")"
  done | parallel_requests "$out"
  running "$name" || fail "$name ended in the flood: $(ended "$name")" "$name"
  served=$(grep -c '^200 ' "$out" || true)
  refused=$(grep -cE '^503 [0-9]+$' "$out" || true)
  [ $((served + refused)) = "$LOGINS" ] || fail "flood: $served served, $refused refused with 503 and Retry-After, \
the rest: $(grep -vE '^(200 |503 [0-9]+$)' "$out" | sort | uniq -c | tr '\n' ' ')" "$name"
  [ "$served" -gt 0 ] || fail "flood: no login served" "$name"
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$base/auth/login" -H 'Content-Type: application/json' \
    -d "$(login_body 0 1 "$passlib_password")")
  [ "$status" = 200 ] || fail "flood: a login after the flood answered $status" "$name"
  log_defects "$name"
  read -r peak rss < <(memory "$name")
  FIGURES_FLOOD[$1]="$served served, $refused refused with 503"
  FIGURES_MEMORY[$1]="$peak MiB (JVM RSS $rss MiB) of $((APP_MEMORY_LIMIT[0] >> 20)) MiB"
}

# login_body I N PASSLIB_PASSWORD: even I logs in current-N (the service's own hash), odd I passlib-N
login_body() {
  if (($1 % 2 == 0)); then
    printf '{"email":"current-%s@flood.example","password":"%s"}' "$2" "$FLOOD_PASSWORD"
  else
    printf '{"email":"passlib-%s@flood.example","password":"%s"}' "$2" "$3"
  fi
}

# terminate VARIANT DATABASE: requests in flight (registrations held by a lock on the users table), then what the
# kubelet does: the preStop sleep, SIGTERM; readiness goes down, the held requests are answered 201 once the lock is
# released, and the container exits (143, the JVM's exit on SIGTERM) within the grace period that remains.
terminate() {
  local name=$CONTAINER_PREFIX-$1 database=$2 base=http://127.0.0.1:${APP_HTTP_PORT[0]}
  local out=$WORK/$CONTAINER_PREFIX-$1-inflight held=5 line waiting sigterm stopped budget i requests
  budget=$((APP_GRACE_SECONDS[0] - APP_PRE_STOP_SLEEP[0]))
  coproc LOCK { sql -d "$database" 2>&1; }
  echo "BEGIN; LOCK TABLE users IN SHARE MODE; SELECT 'locked';" >&"${LOCK[1]}"
  read -r -t 30 line <&"${LOCK[0]}" || true
  [ "$line" = locked ] || fail "shutdown: could not lock the users table: $line"
  for ((i = 0; i < held; i++)); do
    printf '%s|{"name":"In Flight","email":"inflight-%s@shutdown.example","password":"%s"}\n' \
      "$base/users" "$i" "$FLOOD_PASSWORD"
  done | parallel_requests "$out" &
  requests=$!
  for ((i = 0; i < 300; i++)); do
    waiting=$(sql -d "$database" -c "SELECT count(*) FROM pg_stat_activity
      WHERE datname = '$database' AND wait_event_type = 'Lock'")
    [ "$waiting" = "$held" ] && break
    sleep 0.1
  done
  [ "$waiting" = "$held" ] || fail "shutdown: $waiting of $held registrations reached the database" "$name"
  sleep "${APP_PRE_STOP_SLEEP[0]}" # the preStop hook: a sleep, the pod serving on meanwhile
  sigterm=$(date +%s%N)
  podman kill --signal TERM "$name" > /dev/null
  while probe_ok "${APP_READINESS_PROBE[0]}"; do
    [ $(($(date +%s%N) - sigterm)) -lt 10000000000 ] || fail "shutdown: still ready 10 s after SIGTERM" "$name"
    sleep 0.1
  done
  running "$name" || fail "shutdown: $name ended with requests in flight" "$name"
  printf 'COMMIT;\n\\q\n' >&"${LOCK[1]}"
  wait "$requests"
  [ "$(cut -d' ' -f1 "$out" | sort | uniq -c | awk '{print $1 "x" $2}')" = "${held}x201" ] \
    || fail "shutdown: the requests in flight at SIGTERM answered $(cut -d' ' -f1 "$out" | tr '\n' ' ')" "$name"
  timeout "$budget" podman wait "$name" > /dev/null \
    || fail "shutdown: $name still ran $budget s after SIGTERM, when the kubelet kills it" "$name"
  stopped=$(date +%s%N)
  [[ "$(exit_code "$name")" =~ ^(0|143)$ ]] || fail "shutdown: $name exited $(exit_code "$name") on SIGTERM" "$name"
  log_defects "$name"
  FIGURES_SHUTDOWN[$1]="exit $(exit_code "$name") $(((stopped - sigterm) / 1000000)) ms after SIGTERM (the \
grace period leaves $budget s), $held requests in flight answered 201"
}

# restart IMAGE VARIANT N DATABASE: one more start to ready on the migrated database (start-up times are medians)
restart() {
  local name=$CONTAINER_PREFIX-$2-$3 started
  free_ports
  started=$(date +%s%N)
  run_as_pod APP_ "$1" "$name" "$4"
  wait_ready "$name" "$started"
  log_defects "$name"
  podman rm -f "$name" > /dev/null
  FIGURES_READY[$2]+=" $READY_MS"
}
