# Shared by the bench scripts: the packaged service started against the PostgreSQL named by QUARKUS_DATASOURCE_*,
# with a throw-away signing key, and psql on the same database.
# shellcheck shell=bash

: "${QUARKUS_DATASOURCE_JDBC_URL:?set QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD}"
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
BENCH_WORK=$(mktemp -d)
: > "$BENCH_WORK/notes"
APP_PID=""
SERVICE_PIDS=() # every service started here, stopped on exit
# the introspection client of every service started here (workload.lua's CLIENT: BENCH_INTROSPECTION_CLIENT)
BENCH_INTROSPECTION_SECRET=$(openssl rand -hex 16)
BENCH_INTROSPECTION_CLIENT="Basic $(printf 'bench:%s' "$BENCH_INTROSPECTION_SECRET" | base64 -w0)"

# jdbc:postgresql://host:port/db?params -> psql connection
_db_rest=${QUARKUS_DATASOURCE_JDBC_URL#jdbc:postgresql://}
export PGHOST=${_db_rest%%[:/]*}
_db_port=${_db_rest#*:}; _db_port=${_db_port%%/*}
[[ "$_db_port" =~ ^[0-9]+$ ]] && export PGPORT=$_db_port
_db_name=${_db_rest#*/}; export PGDATABASE=${_db_name%%\?*}
export PGUSER=${QUARKUS_DATASOURCE_USERNAME:-postgres}
export PGPASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-}

sql() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

machine() {
  echo "$(date -u +%Y-%m-%d) $(nproc) CPUs $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
       "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(java -version 2>&1 | head -n 1)"
}

# start_service PORT [extra JVM options...]: starts the jar, waits for readiness, sets APP_PID, URL (the API on PORT)
# and MANAGEMENT_URL (health and metrics on PORT + 10000). Every service started by one script shares its signing key,
# so a token of one is valid on the others (replicas).
start_service() {
  local port=$1 management_port=$(($1 + 10000)) p; shift
  # whatever answers there is not ours (another bench on this machine): measuring it would be wrong
  for p in "$port" "$management_port"; do
    if curl -s -o /dev/null --max-time 2 "http://localhost:$p/"; then echo "port $p is in use" >&2; return 1; fi
  done
  [ -f "$BENCH_WORK/key.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_WORK/key.pem" 2>/dev/null
  GLIBC_TUNABLES=$MANIFEST_GLIBC_TUNABLES USERS_JWT_SIGNING_KEY_LOCATION="$BENCH_WORK/key.pem" USERS_JWT_ISSUER=https://users.bench.test \
    USERS_INTROSPECTION_CLIENTS="bench:$BENCH_INTROSPECTION_SECRET" \
    java "$@" -Dquarkus.http.port="$port" -Dquarkus.management.port="$management_port" -jar "$JAR" \
    > "$BENCH_WORK/app-$port.log" 2>&1 &
  APP_PID=$!
  SERVICE_PIDS+=("$APP_PID")
  URL="http://localhost:$port"
  MANAGEMENT_URL="http://localhost:$management_port"
  for _ in $(seq 1 240); do
    curl -fs "$MANAGEMENT_URL/q/health/ready" > /dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$BENCH_WORK/app-$port.log" >&2; return 1; }
    sleep 0.25
  done
  echo "service not ready" >&2; return 1
}

stop_service() {
  if [ -n "$APP_PID" ]; then stop_pid "$APP_PID"; fi
  APP_PID=""
}

# stop_pid PID: stops one service this script started
stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
rss_mib() { awk '/VmRSS/ {printf "%d\n", $2/1024}' "/proc/$1/status"; }
peak_rss_mib() { awk '/VmHWM/ {printf "%d\n", $2/1024}' "/proc/$1/status"; }

# what the manifests give the pod (quarkus.kubernetes.* in application.properties): their JAVA_TOOL_OPTIONS, with
# -XX:MaxRAM standing for the memory limit the JVM would see in the container
# shellcheck disable=SC2206,SC2034
MANIFEST_JVM=(-XX:+UseG1GC -XX:MaxRAM=768m -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:ActiveProcessorCount=2 ${JVM_OPTS:-})
# and their allocator settings (quarkus.kubernetes.env.vars.glibc-tunables: libargon2 takes each hash's memory from
# malloc), which start_service sets as GLIBC_TUNABLES; MANIFEST_GLIBC_TUNABLES= (empty) starts without them
MANIFEST_GLIBC_TUNABLES=${MANIFEST_GLIBC_TUNABLES-$(sed -n 's/^quarkus\.kubernetes\.env\.vars\.glibc-tunables=//p' \
  src/main/resources/application.properties)}

# run_wrk SECONDS [env...]: one wrk run of bench/lib/workload.lua against URL (2 threads, or 1 for one connection;
# CONNECTIONS connections); prints its result line. CONNECTIONS=8 URL=... run_wrk ... for another count or service.
CONNECTIONS=${CONNECTIONS:-32}
run_wrk() {
  local seconds=$1; shift
  env "$@" wrk -t$((CONNECTIONS < 2 ? 1 : 2)) -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s bench/lib/workload.lua "$URL" \
    | grep '^result ' || true
}

BENCH_DB=${BENCH_DB:-user_service_bench} # another name where several people bench on one PostgreSQL
ADMIN=admin@bench.example
PASSWORD='bench password 1'

# seed_to N: bench accounts up to id N (the admin is id 1), all with the admin's hash
seed_to() {
  local users=$1 started=$SECONDS from
  from=$(PGDATABASE=$BENCH_DB sql -c "SELECT count(*) FROM users WHERE email LIKE 'bench-%@bench.example'")
  PGDATABASE=$BENCH_DB sql -c "INSERT INTO users (name, email, password)
      SELECT 'Bench ' || g, 'bench-' || g || '@bench.example', (SELECT password FROM users WHERE email = '$ADMIN')
      FROM generate_series($from + 1, $users - 1) g" -c "VACUUM ANALYZE users"
  echo "seeded $users users in $((SECONDS - started)) s" >> "$BENCH_WORK/notes"
}

# bench_service_up PORT [JVM options...]: the service on a fresh bench database holding 1 000 accounts; sets TOKEN (the admin's)
bench_service_up() {
  psql -X -q -v ON_ERROR_STOP=1 -d "$PGDATABASE" -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" \
    -c "CREATE DATABASE $BENCH_DB" 2>&1 | grep -v 'does not exist, skipping' || true
  # start-up creates the admin (the bootstrap admin); its hash (current settings) is reused for every seeded account
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:${PGPORT:-5432}/$BENCH_DB" USERS_BOOTSTRAP_ADMIN_EMAIL=$ADMIN \
    USERS_BOOTSTRAP_ADMIN_PASSWORD=$PASSWORD start_service "$@"
  # shellcheck disable=SC2034 # for the scripts that source this
  TOKEN=$(curl -fs -X POST "$URL/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$ADMIN\",\"password\":\"$PASSWORD\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  seed_to 1000
}

cleanup() {
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do stop_pid "$pid"; done
  rm -rf "$BENCH_WORK"
}
trap cleanup EXIT
