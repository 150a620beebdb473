#!/usr/bin/env bash
# A namespace ready for user-service on a throw-away cluster (the kind workflow, .github/workflows/deploy-kind.yml):
# the Pod Security Standards' restricted level enforced, PostgreSQL from k8s/local/postgres.yaml, and the Secrets that
# docs/deploying.md asks for, with random passwords and a fresh signing key.
#   k8s/kind/prepare-namespace.sh NAMESPACE
# Needs kubectl (current context: the cluster), openssl.
set -euo pipefail

NS=${1:?usage: $0 NAMESPACE}
cd "$(dirname "$0")/../.."

kubectl create namespace "$NS"
kubectl label namespace "$NS" pod-security.kubernetes.io/enforce=restricted \
  pod-security.kubernetes.io/enforce-version=latest pod-security.kubernetes.io/warn=restricted
# the enforcement is live: a pod without the restricted securityContext is refused (server-side dry run)
if out=$(kubectl -n "$NS" run pss-check --image=registry.k8s.io/pause:3.10 --restart=Never --dry-run=server 2>&1); then
  echo "namespace $NS admits a pod that breaks the restricted level: $out" >&2
  exit 1
fi
grep -q 'violates PodSecurity' <<< "$out" || { echo "unexpected refusal: $out" >&2; exit 1; }

DB_PASSWORD=$(openssl rand -hex 16)
kubectl -n "$NS" create secret generic postgres-local --from-literal=password="$DB_PASSWORD"
kubectl -n "$NS" create secret generic user-service-db \
  --from-literal=DATABASE_HOST=postgres:5432 --from-literal=DATABASE_NAME=users \
  --from-literal=DATABASE_USERNAME=users --from-literal=DATABASE_PASSWORD="$DB_PASSWORD"
KEY_DIR=$(mktemp -d)
trap 'rm -rf "$KEY_DIR"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEY_DIR/signing-key.pem" 2>/dev/null
kubectl -n "$NS" create secret generic user-service-jwt --from-file="$KEY_DIR/signing-key.pem"

kubectl -n "$NS" apply -f k8s/local/postgres.yaml
kubectl -n "$NS" rollout status statefulset/postgres --timeout=5m
