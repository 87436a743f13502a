#!/usr/bin/env bash
# Installs Harbor with values.yaml (needs the secrets harbor-admin and harbor-encryption-key:
# infra/secrets/create-secrets.sh platform):
#   infra/harbor/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HARBOR_CHART_VERSION=1.19.1
helm repo add harbor https://helm.goharbor.io --force-update
helm upgrade --install harbor harbor/harbor --namespace harbor \
  --version "$HARBOR_CHART_VERSION" --values "$here/values.yaml" --wait --timeout 15m
echo "Check with: curl -fsS --cacert fluxo-ca.crt https://harbor.fluxo.local/api/v2.0/health"
