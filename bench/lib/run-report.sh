# bench/run's summary: one markdown table of every figure with its target, from RESULTS and FIGURES (run-steps.sh).
# shellcheck shell=bash disable=SC2016

# row LABEL KEY TARGET RESULT: a table row of a measured line
row() {
  awk -v label="$1" -v k="$2" -v target="$3" -v outcome="$4" -F' ' '$1 == k {
    rate = $3 < 100 ? sprintf("%.1f", $3) : sprintf("%.0f", $3)
    printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", label, $2, rate, $4, $5, $6, target, outcome
  }' "$RESULTS"
}
met() { [ "$1" = 1 ] && echo "**met**" || echo "**missed**"; }
# pct A B: A as a percentage of B
pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", (b > 0 ? 100 * a / b : 0)}'; }
ok() { awk "BEGIN {print ($1) ? 1 : 0}"; } # ok 'AWK EXPRESSION': 1 or 0

report() {
  local cores floor get list login best_d best_f limit_d limit_f f1 f8 pair_get pair_login p99_get p99_list p99_pair
  cores=$(nproc)
  floor=$(result health 3); get=$(result get-id 3); list=$(result list 3); login=$(result login 3)
  p99_get=$(result get-id 5); p99_list=$(result list 5); p99_pair=$(result pair-get-id 5)
  read -r best_d name_d <<< "$(fig best-default)"
  read -r best_f name_f <<< "$(fig best-FastAPI)"
  name_d=${name_d/+glibc/ with GLIBC_TUNABLES}; name_f=${name_f/+glibc/ with GLIBC_TUNABLES}
  limit_d=$(awk -v c="$cores" -v h="${best_d:-0}" 'BEGIN {printf "%.1f", (h > 0 ? c * 1000 / h : 0)}')
  limit_f=$(awk -v c="$cores" -v h="${best_f:-0}" 'BEGIN {printf "%.2f", (h > 0 ? c * 1000 / h : 0)}')
  f1=$(result fastapi-login-c1 4); f8=$(result fastapi-login-c8 3)
  pair_get=$(result pair-get-id 3); pair_login=$(result pair-login 3)
  errs() { [ "$(result "$1" 6)" = 0 ] && echo 1 || echo 0; }

  echo "## bench/run $(date -u +%Y-%m-%d)"
  echo
  echo "- machine: $(machine); load average $(fig load-start) at the start, $(fig load-end) at the end"
  echo "- command: \`bench/run\` (DURATION=$DURATION WARMUP=$WARMUP WARMUP_ALL=$WARMUP_ALL READ_CONNECTIONS=$READ_CONNECTIONS" \
       "LOGIN_CONNECTIONS=$LOGIN_CONNECTIONS REVOCATION_ROUNDS=$REVOCATION_ROUNDS PASSWORD_ROUNDS=$PASSWORD_ROUNDS" \
       "HASH_COST_BLOCKS=$HASH_COST_BLOCKS MEMORY=$MEMORY), wall time $(fig wall) s"
  echo "- service: the packaged jar, \`${MANIFEST_JVM[*]}\` ($(fig gc)), \`GLIBC_TUNABLES=${MANIFEST_GLIBC_TUNABLES}\`" \
       "(the manifests'); $USERS accounts; replicas A and B share the database" \
       "and the signing key; ${WARMUP_ALL} s warm-up of both, then per workload wrk ${WARMUP} s warm-up + ${DURATION} s measured"
  echo "- req/s counts the expected answers only (200; 201 for \`POST /users\`); errors are all others; p50/p99 are wrk's"
  echo
  echo "| Workload | Connections | req/s | p50 ms | p99 ms | Errors | Target | Result |"
  echo "|---|---|---|---|---|---|---|---|"
  row '`GET /q/health/live`, no token (A): the HTTP floor' health 'the floor of the reads' ''
  row '`GET /users/{id}`, admin token, 1 000 ids (A)' get-id '≥ 20 % of the floor; p99 < 20 ms; no errors' \
    "$(pct "$get" "$floor") %, p99 $p99_get ms: $(met "$(ok "$get >= 0.20 * $floor && $p99_get < 20 && $(errs get-id)")")"
  row '`POST /auth/introspect` of the admin token, HTTP Basic client (A)' introspect \
    '≥ `GET /users/{id}`; no errors' \
    "$(pct "$(result introspect 3)" "$get") % of \`GET /users/{id}\`, p99 $(result introspect 5) ms: $(met "$(ok "$(result introspect 3) >= $get && $(errs introspect)")")"
  row '`GET /users?limit=20`, admin token (A)' list '≥ 15 % of the floor; p99 < 20 ms; no errors' \
    "$(pct "$list" "$floor") %, p99 $p99_list ms: $(met "$(ok "$list >= 0.15 * $floor && $p99_list < 20 && $(errs list)")")"
  row 'pgbench, the same primary-key `SELECT` (`-M prepared -j2`; p50 column: average)' pgbench 'reference: the database' \
    "the floor is $(pct "$floor" "$(result pgbench 3)") % of it"
  row '`POST /auth/login`, default m=19456, t=2, p=1 (A)' login \
    "≥ 90 % of the CPU limit, $cores cores / ${best_d:-?} ms per hash ($name_d) = $limit_d/s; no errors" \
    "$(pct "$login" "$limit_d") %: $(met "$(ok "$login >= 0.9 * $limit_d && $(errs login)")")"
  read -r reg_acked reg_rows <<< "$(fig register)"
  row '`POST /users` (A)' register 'every 201 is a row; no errors' \
    "$reg_acked acknowledged, $reg_rows rows: $(met "$(ok "$reg_rows >= $reg_acked && $(errs register)")")"
  row '`POST /auth/login`, FastAPI m=102400, t=2, p=8 on passlib hashes' fastapi-login-c1 'p50 < 300 ms; no errors' \
    "p50 $f1 ms: $(met "$(ok "$f1 < 300 && $(errs fastapi-login-c1)")")"
  row '`POST /auth/login`, FastAPI m=102400, t=2, p=8 on passlib hashes' fastapi-login-c8 \
    "≥ 90 % of the CPU limit, $cores cores / ${best_f:-?} ms per hash ($name_f) = $limit_f/s; no errors" \
    "$(pct "$f8" "$limit_f") %: $(met "$(ok "$f8 >= 0.9 * $limit_f && $(errs fastapi-login-c8)")")"
  row '`GET /users/{id}`, replicas A + B at once (p50/p99: the worse)' pair-get-id 'p99 < 20 ms; no errors' \
    "$(awk -v p="$pair_get" -v s="$get" 'BEGIN {printf "%.2fx", p / s}') one replica's (A: $(result pair-get-id-a 3), B: $(result pair-get-id-b 3)); p99 $p99_pair ms: $(met "$(ok "$p99_pair < 20 && $(errs pair-get-id)")")"
  row '`POST /auth/login`, replicas A + B at once (p50/p99: the worse)' pair-login 'no errors (reference: the CPU limit)' \
    "$(awk -v p="$pair_login" -v s="$login" 'BEGIN {printf "%.2fx", p / s}') one replica's, $(pct "$pair_login" "$limit_d") % of the CPU limit: $(met "$(errs pair-login)")"
  read -r th_first th_reset th_locked th_after th_codes <<< "$(fig throttle)"
  echo "| Throttling across replicas: wrong passwords for one account, alternately on A and B, one client address | | | | | | throttled after 5 per (email, client) | answers $th_codes; the first throttled (\`users_password_checks_total{outcome=\"throttled\"}\`, A + B; the same 401 by design): #$th_first; after the lock the right password: $th_reset; $((th_first - 1)) wrong again, then the right one at once: $th_locked (locked), 3 s later: $th_after: $(met "$(ok "$th_first == 6 && $th_reset == 200 && \"$th_locked\" == 401 && $th_after == 200")") |"
  local mode label
  for mode in logout password; do
    label='logout'; [ "$mode" = password ] && label='password change (`PUT /users/me/password`)'
    [ -n "$(fig "revocation-$mode")" ] || continue
    read -r _ n _ p50 _ p99 _ max _ timeouts _ errors <<< "$(fig "revocation-$mode")"
    echo "| Revocation window: $label on A, until B answers 401 | 1 | | $p50 | $p99 | $errors | p99 < 50 ms | n=$n, max $max ms, $timeouts timeouts (5 s): $(met "$(ok "$n > 0 && $p99 < 50 && $timeouts == 0 && $errors == 0")") |"
  done
  echo
  echo "Argon2 per hash (\`bench/hash-cost\`, HASH_COST_BLOCKS=$HASH_COST_BLOCKS, no service running; limit = $cores cores / CPU-seconds" \
       "per hash; the login targets take the fewest CPU-seconds of any row):"
  echo
  echo "| Parameters | Implementation | CPU ms/hash | Wall p50 ms | Wall max ms | Limit, hashes/s |"
  echo "|---|---|---|---|---|---|"
  awk -v c="$cores" '$1 ~ /^hash-/ {split($1, k, "-"); implementation = substr($1, length(k[1] k[2]) + 3)
    sub(/\+glibc$/, ", the manifests'"'"' GLIBC_TUNABLES", implementation)
    params = k[2] == "default" ? "default m=19456, t=2, p=1" : "FastAPI m=102400, t=2, p=8"
    printf "| %s | %s | %s | %s | %s | %.1f |\n", params, implementation, $2, $3, $4, c * 1000 / $2}' "$FIGURES"
  echo
  read -r fa_same fa_m fa_all <<< "$(fig fastapi-hashes)"
  read -r fa_rss fa_oom <<< "$(fig fastapi-rss)"
  echo "FastAPI parameters: the $fa_all passlib-hashed accounts after the run: $fa_same unchanged, $fa_m with m=102400" \
       "($(met "$(ok "$fa_same == $fa_all")")); the service's peak RSS $fa_rss MiB (limit 768 MiB), $fa_oom OutOfMemoryError."
  if [ -s "$BENCH_WORK/memory" ]; then
    echo
    echo "Memory (\`bench/memory $MEMORY\`):"
    echo
    grep -v '^machine:' "$BENCH_WORK/memory" | sed 's/^/    /'
  fi
  echo
  echo "Total wall time: $(fig wall) s ($(awk -v s="$(fig wall)" 'BEGIN {printf "%d min %02d s", s / 60, s % 60}'))."
}
