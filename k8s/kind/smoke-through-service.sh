#!/usr/bin/env bash
# Runs k8s/smoke-test.sh through a namespace's user-service Service (kubectl port-forward to the Service), then
# fails if any pod or Job of the namespace was refused by Pod Security admission.
#   k8s/kind/smoke-through-service.sh NAMESPACE [SERVICE] [SERVICE_PORT]
set -euo pipefail

NS=${1:?usage: $0 NAMESPACE [SERVICE] [SERVICE_PORT]}
SERVICE=${2:-user-service}
PORT=${3:-80}
LOCAL=18080
cd "$(dirname "$0")/../.."

LOG=$(mktemp)
kubectl -n "$NS" port-forward "service/$SERVICE" "$LOCAL:$PORT" > "$LOG" 2>&1 &
FORWARD=$!
trap 'kill "$FORWARD" 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 60); do
  curl -s -o /dev/null "http://127.0.0.1:$LOCAL/.well-known/jwks.json" && break
  kill -0 "$FORWARD" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  sleep 1
done

k8s/smoke-test.sh "http://127.0.0.1:$LOCAL"

if kubectl -n "$NS" get events -o custom-columns=MESSAGE:.message --no-headers | grep 'violates PodSecurity'; then
  echo "Pod Security admission refused a pod in $NS (above)" >&2
  exit 1
fi
