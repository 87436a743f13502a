#!/usr/bin/env bash
# Installs Longhorn with values.yaml (after node-prerequisites.sh ran on every node):
#   infra/longhorn/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LONGHORN_CHART_VERSION=1.12.1
helm repo add longhorn https://charts.longhorn.io --force-update
helm upgrade --install longhorn longhorn/longhorn --namespace longhorn-system \
  --version "$LONGHORN_CHART_VERSION" --values "$here/values.yaml" --wait --timeout 15m
echo "Check with: kubectl get storageclass longhorn"
