# The measurements of bench/run, after common.sh. Each appends to RESULTS one line per wrk (or pgbench) measurement,
#   KEY CONNECTIONS REQ/S P50_MS P99_MS ERRORS STATUSES
# (req/s counts the expected answers only), or to FIGURES one line per other figure (KEY VALUES...), and prints it.
# shellcheck shell=bash

RESULTS=$BENCH_WORK/results
FIGURES=$BENCH_WORK/figures
: > "$RESULTS"
: > "$FIGURES"

figure() { echo "$*" >> "$FIGURES"; }
fig() { awk -v k="$1" '$1 == k {$1 = ""; sub(/^ /, ""); print; exit}' "$FIGURES"; } # fig KEY: its values
result() { awk -v k="$1" -v f="$2" '$1 == k {print $f; exit}' "$RESULTS"; }           # result KEY FIELD (3 = req/s)

# record KEY CONNECTIONS "result ..." (workload.lua's line): appends to RESULTS and prints it
record() {
  local key=$1 conns=$2 line
  line=$(awk -v k="$key" -v c="$conns" '{printf "%s %s %.1f %s %s %s %s\n", k, c, $8 / $3, $4, $5, $6, $7}' <<< "$3")
  [ -n "$line" ] || line="$key $conns 0 0 0 1 no-result" # wrk printed nothing: one error
  echo "$line" >> "$RESULTS"
  show "$key"
}
show() { # one measured line, and its rate over the floor's for the reads
  awk -v k="$1" -v floor="$(result health 3)" '$1 == k {
    note = (k ~ /get-id|list|introspect/ && floor > 0) ? sprintf("  %.1f %% of the floor", 100 * $3 / floor) : ""
    printf "  %-20s c%-3s %9.1f req/s  p50 %8s ms  p99 %8s ms  errors %s (%s)%s\n", $1, $2, $3, $4, $5, $6, $7, note
  }' "$RESULTS"
}

# measure KEY CONNECTIONS [env...]: a warm-up then a measured wrk run on URL
measure() {
  local key=$1 conns=$2; shift 2
  CONNECTIONS=$conns run_wrk "$WARMUP" "$@" PHASE=warmup > /dev/null
  record "$key" "$conns" "$(CONNECTIONS=$conns run_wrk "$DURATION" "$@" PHASE=measured)"
}

# pair_wrk SECONDS CONNECTIONS-EACH [env...]: the same wrk run on A and on B at the same time; prints A's line, B's
pair_wrk() {
  local seconds=$1 conns=$2 a b; shift 2
  CONNECTIONS=$conns URL=$URL_A run_wrk "$seconds" "$@" > "$BENCH_WORK/pair-a" & a=$!
  CONNECTIONS=$conns URL=$URL_B run_wrk "$seconds" "$@" > "$BENCH_WORK/pair-b" & b=$!
  wait "$a" "$b"
  cat "$BENCH_WORK/pair-a" "$BENCH_WORK/pair-b"
}

# measure_pair KEY CONNECTIONS-EACH [env...]: warm-up and measured run on both replicas at once; KEY's req/s is the
# sum, p50 and p99 the worse of the two; KEY-a and KEY-b are each replica's own
measure_pair() {
  local key=$1 conns=$2 lines; shift 2
  pair_wrk "$WARMUP" "$conns" "$@" PHASE=warmup > /dev/null
  lines=$(pair_wrk "$DURATION" "$conns" "$@" PHASE=measured)
  awk -v k="$key" -v c="$((2 * conns))" '
    { r += $8 / $3; e += $6; s = s (NR > 1 ? "+" : "") $7; if ($4 > p50) p50 = $4; if ($5 > p99) p99 = $5 }
    END { if (NR == 2) printf "%s %s %.1f %s %s %s %s\n", k, c, r, p50, p99, e, s }' <<< "$lines" >> "$RESULTS"
  show "$key"
  record "$key-a" "$conns" "$(head -n 1 <<< "$lines")" > /dev/null
  record "$key-b" "$conns" "$(tail -n 1 <<< "$lines")" > /dev/null
}

# ceiling: pgbench of the same single-row SELECT by primary key, prepared, 32 clients (reference)
ceiling() {
  printf '\\set id random(1, 1000)\nSELECT id, name, email, role, version, created_at, updated_at FROM users WHERE id = :id;\n' \
    > "$BENCH_WORK/by-id.sql"
  pgbench -n -M prepared -c "$READ_CONNECTIONS" -j 2 -T "$WARMUP" -f "$BENCH_WORK/by-id.sql" "$BENCH_DB" > /dev/null 2>&1
  pgbench -n -M prepared -c "$READ_CONNECTIONS" -j 2 -T "$DURATION" -f "$BENCH_WORK/by-id.sql" "$BENCH_DB" 2>/dev/null \
    | awk -v c="$READ_CONNECTIONS" '/^latency average/ {lat = $4} /^tps/ {tps = $3}
        END {printf "pgbench %s %.1f %.2f(avg) - 0 -\n", c, tps, lat}' >> "$RESULTS"
  show pgbench
}

# hash_costs: bench/hash-cost's table (CPU ms/hash, wall p50 and max per implementation and parameters) into FIGURES
# as "hash-default|FastAPI-IMPLEMENTATION CPU_MS WALL_P50 WALL_MAX", once as bench/hash-cost runs by itself and once
# with the manifests' GLIBC_TUNABLES, as the service runs (IMPLEMENTATION+glibc); best-default|FastAPI: the fewest
# CPU-seconds per hash of them all, and which
hash_costs() {
  local suffix tunables kind best
  for suffix in "" +glibc; do
    tunables=""; [ -n "$suffix" ] && tunables=$MANIFEST_GLIBC_TUNABLES
    [ -n "$suffix" ] && [ -z "$tunables" ] && continue
    echo "  bench/hash-cost${tunables:+ with GLIBC_TUNABLES=$tunables}:"
    GLIBC_TUNABLES=$tunables HASH_COST_BLOCKS=$HASH_COST_BLOCKS bench/hash-cost > "$BENCH_WORK/hash-cost" 2>&1 || true
    grep -v '^machine:' "$BENCH_WORK/hash-cost" | sed 's/^/    /'
    awk -v s="$suffix" '$2 == "default" || $2 == "FastAPI" {print "hash-" $2 "-" $1 s, $4, $5, $6}' "$BENCH_WORK/hash-cost" \
      >> "$FIGURES"
  done
  for kind in default FastAPI; do
    best=$(awk -v k="hash-$kind-" 'index($1, k) == 1 && (best == "" || $2 < best) {best = $2; name = substr($1, length(k) + 1)}
      END {print best, name}' "$FIGURES")
    figure "best-$kind" "$best"
  done
}

login_status() { # URL EMAIL PASSWORD: the HTTP status of a JSON login
  curl -s -o /dev/null -w '%{http_code}' -X POST "$1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"$3\"}"
}
throttled_checks() { # users_password_checks_total{outcome="throttled"} of A and B together
  local url total=0
  for url in "$MANAGEMENT_A" "$MANAGEMENT_B"; do
    total=$((total + $(curl -fs "$url/q/metrics" | awk '/^users_password_checks_total\{.*outcome="throttled"/ {s += $NF}
      END {printf "%d", s}')))
  done
  echo "$total"
}

# throttle_across_replicas EMAIL: wrong passwords for one account, alternately on A and on B, from this one client
# address, until one is throttled. The throttled answer is the same 401 as a wrong password (by design: docs/security.md),
# so the service's own count of throttled checks tells it. Then, once the lock (2 s) is over, the right password (200:
# the counts start afresh), as many wrong ones again without looking in between, and at once the right password, which
# the lock must refuse (401); and after the lock, the right password again (200).
throttle_across_replicas() {
  local email=$1 before i url codes="" first=0 reset locked="-" after
  before=$(throttled_checks)
  for i in $(seq 1 12); do
    url=$URL_A; [ $((i % 2)) -eq 0 ] && url=$URL_B
    codes="$codes$(login_status "$url" "$email" "wrong password $i") "
    if [ "$(throttled_checks)" -gt "$before" ]; then first=$i; break; fi
  done
  sleep 3
  reset=$(login_status "$URL_B" "$email" "$PASSWORD")
  if [ "$first" -gt 1 ]; then
    for i in $(seq 1 $((first - 1))); do
      url=$URL_A; [ $((i % 2)) -eq 0 ] && url=$URL_B
      login_status "$url" "$email" "wrong password $i" > /dev/null
    done
    url=$URL_A; [ $((first % 2)) -eq 0 ] && url=$URL_B
    locked=$(login_status "$url" "$email" "$PASSWORD")
    sleep 3
  fi
  after=$(login_status "$URL_A" "$email" "$PASSWORD")
  figure throttle "$first" "$reset" "$locked" "$after" "${codes% }"
  echo "  throttling: wrong passwords alternated A, B: ${codes% }; first throttled: #$first (after $((first - 1)));" \
    "the right password after the lock: $reset; $((first - 1)) wrong again, then the right one at once: $locked," \
    "3 s later: $after"
}

# revocation MODE ROUNDS EMAIL...: bench/lib/RevocationWindow.java, logged in on A, revoked on A, polled on B
revocation() {
  local mode=$1 rounds=$2 line; shift 2
  line=$(java bench/lib/RevocationWindow.java "$mode" "$URL_A" "$URL_B" "$rounds" "$PASSWORD" "$@" 2> "$BENCH_WORK/revocation-$mode.err" \
    | grep '^revocation ' || true)
  [ -n "$line" ] || { line="revocation $mode n 0 p50 - p99 - max - timeouts - errors ?"; cat "$BENCH_WORK/revocation-$mode.err" >&2; }
  figure "revocation-$mode" "$(cut -d' ' -f3- <<< "$line")"
  echo "  $line"
}

# fastapi_logins: a service with the FastAPI app's Argon2 parameters (and its 16-byte digests: PasswordHasher.needsRehash
# compares memory, iterations, salt and digest lengths, so a 32-byte digest setting would rewrite every passlib hash
# on its first login) on the fastapi-N accounts, which hold bench/memory's passlib hash of "secret123"
fastapi_logins() {
  local env=(ACCOUNT=fastapi ACCOUNT_PASSWORD=secret123 USERS="$USERS")
  QUARKUS_DATASOURCE_JDBC_URL=$BENCH_URL USERS_PASSWORD_ARGON2_MEMORY_KIB=102400 USERS_PASSWORD_ARGON2_ITERATIONS=2 \
    USERS_PASSWORD_ARGON2_PARALLELISM=8 USERS_PASSWORD_ARGON2_HASH_LENGTH=16 start_service "$PORT_F" "${MANIFEST_JVM[@]}"
  CONNECTIONS=$LOGIN_CONNECTIONS run_wrk "$WARMUP" WORKLOAD=login "${env[@]}" PHASE=warmup > /dev/null
  measure fastapi-login-c1 1 WORKLOAD=login "${env[@]}"
  measure fastapi-login-c8 "$LOGIN_CONNECTIONS" WORKLOAD=login "${env[@]}"
  figure fastapi-rss "$(peak_rss_mib "$APP_PID")" "$(grep -c OutOfMemoryError "$BENCH_WORK/app-$PORT_F.log" || true)"
  stop_service
  figure fastapi-hashes "$(PGDATABASE=$BENCH_DB sql -c "SELECT count(*) FILTER (WHERE password = '$SEED_HASH'),
      count(*) FILTER (WHERE password LIKE '\$argon2id\$v=19\$m=102400,%'), count(*) FROM users WHERE email LIKE 'fastapi-%'" \
    | tr '|' ' ')"
  echo "  fastapi accounts after the run (unchanged, m=102400, all): $(fig fastapi-hashes);" \
    "peak RSS $(fig fastapi-rss | cut -d' ' -f1) MiB"
}
