# Shared by the bench scripts: the packaged service started against the PostgreSQL named by QUARKUS_DATASOURCE_*,
# with a throw-away signing key, and psql on the same database.
# shellcheck shell=bash

: "${QUARKUS_DATASOURCE_JDBC_URL:?set QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD}"
JAR=${JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
BENCH_WORK=$(mktemp -d)
APP_PID=""

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

# start_service PORT [extra JVM options...]: starts the jar, waits for readiness, sets APP_PID and URL
start_service() {
  local port=$1; shift
  [ -f "$BENCH_WORK/key.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_WORK/key.pem" 2>/dev/null
  USERS_JWT_SIGNING_KEY_LOCATION="$BENCH_WORK/key.pem" java "$@" -Dquarkus.http.port="$port" -jar "$JAR" \
    > "$BENCH_WORK/app-$port.log" 2>&1 &
  APP_PID=$!
  URL="http://localhost:$port"
  for _ in $(seq 1 240); do
    curl -fs "$URL/q/health/ready" > /dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$BENCH_WORK/app-$port.log" >&2; return 1; }
    sleep 0.25
  done
  echo "service not ready" >&2; return 1
}

stop_service() {
  if [ -n "$APP_PID" ]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}

rss_mib() { awk '/VmRSS/ {printf "%d\n", $2/1024}' "/proc/$1/status"; }
peak_rss_mib() { awk '/VmHWM/ {printf "%d\n", $2/1024}' "/proc/$1/status"; }

cleanup() { stop_service || true; rm -rf "$BENCH_WORK"; }
trap cleanup EXIT
