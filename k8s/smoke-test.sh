#!/usr/bin/env bash
# Smoke test of a running user-service: registers a fresh account, logs in with it and reads /users/me, and checks that
# the address serves the API only (the management interface's /q/metrics and /q/health/ready answer 404 there).
#   k8s/smoke-test.sh BASE_URL        e.g. k8s/smoke-test.sh http://localhost:8080
# Needs bash and curl only. Exits 0 when every step answered as it should, otherwise non-zero with one line on
# stderr naming the step, the status and the body. Runs against any URL: a port-forward to the Service (the kind
# workflow, .github/workflows/deploy-kind.yml), an ingress, or the packaged jar (SmokeScriptIT).
set -euo pipefail

BASE=${1:?usage: $0 BASE_URL}
BASE=${BASE%/}
# a fresh address on every run, so that the script can run any number of times against one database
EMAIL="smoke.$(date +%s).$RANDOM$RANDOM@example.com"
PASSWORD="smoke test password $RANDOM$RANDOM"
BODY=$(mktemp)
trap 'rm -f "$BODY"' EXIT

fail() {
  echo "smoke test FAILED at $1 ($BASE): $2" >&2
  exit 1
}

# request STEP EXPECTED_STATUS curl-arguments...: the answer's body lands in $BODY
request() {
  local step=$1 expected=$2 status
  shift 2
  status=$(curl -sS --max-time 30 -o "$BODY" -w '%{http_code}' "$@") || fail "$step" "no answer (curl exit $?)"
  [ "$status" = "$expected" ] || fail "$step" "status $status, expected $expected: $(head -c 500 "$BODY")"
}

request "POST /users" 201 -X POST "$BASE/users" -H 'Content-Type: application/json' \
  -d "{\"name\": \"Smoke Test\", \"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}"

request "POST /auth/login" 200 "$BASE/auth/login" --data-urlencode "username=$EMAIL" --data-urlencode "password=$PASSWORD"
TOKEN=$(sed -nE 's/.*"access_token" *: *"([^"]+)".*/\1/p' "$BODY")
[ -n "$TOKEN" ] || fail "POST /auth/login" "no access_token in $(head -c 500 "$BODY")"

request "GET /users/me" 200 "$BASE/users/me" -H "Authorization: Bearer $TOKEN"
grep -q "\"email\" *: *\"$EMAIL\"" "$BODY" || fail "GET /users/me" "the account is not $EMAIL: $(head -c 500 "$BODY")"

# health, metrics and OpenAPI are on the management port, which no Service or Ingress may expose (docs/security.md)
request "GET /q/metrics" 404 "$BASE/q/metrics"
request "GET /q/health/ready" 404 "$BASE/q/health/ready"

echo "smoke test passed ($BASE): registered, logged in and read /users/me as $EMAIL; no management endpoint here"
