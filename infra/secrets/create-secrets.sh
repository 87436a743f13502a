#!/usr/bin/env bash
# Creates the platform's secrets with kubectl, one group per component, idempotently: each value
# comes from its environment variable, else from the secret already in the cluster (so a re-run
# changes nothing), else from a prompt without echo (an empty answer makes a random one).
#   infra/secrets/create-secrets.sh harbor     # harbor/harbor-admin, harbor/harbor-encryption-key
#   infra/secrets/create-secrets.sh minio      # minio/minio-root, the runtime's S3 keys in minio, fluxo, postgres
#   infra/secrets/create-secrets.sh postgres   # postgres/postgres-creds and fluxo/fluxo-db (one password)
#   infra/secrets/create-secrets.sh fluxo      # fluxo/fluxo-service-token (service and step pods)
#   infra/secrets/create-secrets.sh registry   # fluxo/harbor-creds from the robot account (harbor-robot.env)
#   infra/secrets/create-secrets.sh check      # lists every secret and whether it exists
# Values never appear on a command line: kubectl reads them from file descriptors. The templates
# in infra/secrets/templates show each secret's keys.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../domain.env
. "$here/../domain.env"

# every secret this script makes, as namespace/name
ALL_SECRETS=(harbor/harbor-admin harbor/harbor-encryption-key minio/minio-root minio/minio-fluxo-user
  fluxo/minio-creds postgres/postgres-backup-s3 postgres/postgres-creds fluxo/fluxo-db
  fluxo/fluxo-service-token fluxo/harbor-creds)

# current NAMESPACE SECRET KEY: the key's value in the cluster, or nothing
current() {
  kubectl -n "$1" get secret "$2" -o "go-template={{index .data \"$3\"}}" 2>/dev/null | base64 -d 2>/dev/null || true
}

# value VARIABLE NAMESPACE SECRET KEY: prints the value to store (see the header)
value() {
  local var=$1 ns=$2 secret=$3 key=$4 found answer
  if [ -n "${!var:-}" ]; then
    printf '%s' "${!var}"
    return
  fi
  found=$(current "$ns" "$secret" "$key")
  if [ -n "$found" ]; then
    printf '%s' "$found"
    return
  fi
  if [ ! -t 0 ]; then
    echo "Set $var: $ns/$secret has no $key yet and there is no terminal to ask on" >&2
    exit 2
  fi
  read -rs -p "$var for $ns/$secret (empty: random): " answer
  echo >&2
  if [ -z "$answer" ]; then
    answer=$(openssl rand -hex 20)
  fi
  printf '%s' "$answer"
}

# generic NAMESPACE SECRET KEY=VALUE...: creates or updates an Opaque secret; kubectl reads each
# value from a file descriptor of its own
generic() {
  local ns=$1 secret=$2 pair fd args=()
  shift 2
  for pair in "$@"; do
    exec {fd}< <(printf '%s' "${pair#*=}")
    args+=("--from-file=${pair%%=*}=/dev/fd/$fd")
  done
  kubectl -n "$ns" create secret generic "$secret" "${args[@]}" --dry-run=client -o yaml | kubectl apply -f -
}

harbor() {
  local password key
  password=$(value HARBOR_ADMIN_PASSWORD harbor harbor-admin HARBOR_ADMIN_PASSWORD)
  generic harbor harbor-admin "HARBOR_ADMIN_PASSWORD=$password"
  # 16 characters, and never changed once Harbor has encrypted with it
  key=$(current harbor harbor-encryption-key secretKey)
  generic harbor harbor-encryption-key "secretKey=${key:-$(openssl rand -hex 8)}"
}

minio() {
  local root_user root_password access_key secret_key
  root_user=$(value MINIO_ROOT_USER minio minio-root MINIO_ROOT_USER)
  root_password=$(value MINIO_ROOT_PASSWORD minio minio-root MINIO_ROOT_PASSWORD)
  generic minio minio-root "MINIO_ROOT_USER=$root_user" "MINIO_ROOT_PASSWORD=$root_password"
  # the runtime's own MinIO user: made by the Job minio-buckets, used by step pods, the Fluxo
  # service and the database backup
  access_key=$(value FLUXO_S3_ACCESS_KEY minio minio-fluxo-user FLUXO_S3_ACCESS_KEY)
  secret_key=$(value FLUXO_S3_SECRET_KEY minio minio-fluxo-user FLUXO_S3_SECRET_KEY)
  local ns_secret
  for ns_secret in minio/minio-fluxo-user fluxo/minio-creds postgres/postgres-backup-s3; do
    generic "${ns_secret%/*}" "${ns_secret#*/}" \
      "FLUXO_S3_ACCESS_KEY=$access_key" "FLUXO_S3_SECRET_KEY=$secret_key"
  done
}

postgres() {
  local password
  password=$(value FLUXO_DB_PASSWORD postgres postgres-creds POSTGRES_PASSWORD)
  generic postgres postgres-creds "POSTGRES_PASSWORD=$password"
  generic fluxo fluxo-db "FLUXO_DB_PASSWORD=$password"
}

fluxo() {
  local token
  token=$(value FLUXO_SERVICE_TOKEN fluxo fluxo-service-token FLUXO_SERVICE_TOKEN)
  # the service reads FLUXO_SERVICE_TOKEN; step pods get the same token as FLUXO_METADATA_TOKEN
  generic fluxo fluxo-service-token "FLUXO_SERVICE_TOKEN=$token" "FLUXO_METADATA_TOKEN=$token"
}

registry() {
  if [ -z "${HARBOR_ROBOT_NAME:-}" ] && [ -f harbor-robot.env ]; then
    # shellcheck source=/dev/null
    . ./harbor-robot.env
  fi
  : "${HARBOR_ROBOT_NAME:?set HARBOR_ROBOT_NAME and HARBOR_ROBOT_SECRET (infra/harbor/create-project.sh writes harbor-robot.env)}"
  : "${HARBOR_ROBOT_SECRET:?set HARBOR_ROBOT_SECRET}"
  local auth
  auth=$(printf '%s:%s' "$HARBOR_ROBOT_NAME" "$HARBOR_ROBOT_SECRET" | base64 | tr -d '\n')
  exec {fd}< <(printf '{"auths":{"harbor.%s":{"auth":"%s"}}}' "$FLUXO_DOMAIN" "$auth")
  kubectl -n fluxo create secret generic harbor-creds --type=kubernetes.io/dockerconfigjson \
    --from-file=.dockerconfigjson=/dev/fd/$fd --dry-run=client -o yaml | kubectl apply -f -
}

check() {
  local ns_secret missing=0
  for ns_secret in "${ALL_SECRETS[@]}"; do
    if kubectl -n "${ns_secret%/*}" get secret "${ns_secret#*/}" >/dev/null 2>&1; then
      echo "ok       $ns_secret"
    else
      echo "MISSING  $ns_secret"
      missing=1
    fi
  done
  return "$missing"
}

case "${1:-}" in
  harbor | minio | postgres | fluxo | registry | check) "$1" ;;
  all) harbor && minio && postgres && fluxo && registry ;;
  *)
    echo "usage: create-secrets.sh harbor|minio|postgres|fluxo|registry|all|check" >&2
    exit 2
    ;;
esac
