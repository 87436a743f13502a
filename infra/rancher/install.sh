#!/usr/bin/env bash
# Installs Rancher with values.yaml (after infra/cert-manager: it needs the CA):
#   infra/rancher/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
RANCHER_CHART_VERSION=2.15.0
# tls-ca: the CA that signed rancher.fluxo.local, as Rancher's chart expects it (cacerts.pem)
kubectl -n cert-manager get secret fluxo-ca -o jsonpath='{.data.ca\.crt}' | base64 -d > "$here/cacerts.pem"
kubectl -n cattle-system create secret generic tls-ca --from-file=cacerts.pem="$here/cacerts.pem" \
  --dry-run=client -o yaml | kubectl apply -f -
rm -f "$here/cacerts.pem"
helm repo add rancher-latest https://releases.rancher.com/server-charts/latest --force-update
helm upgrade --install rancher rancher-latest/rancher --namespace cattle-system \
  --version "$RANCHER_CHART_VERSION" --values "$here/values.yaml" --wait --timeout 15m
echo "Check with: kubectl -n cattle-system rollout status deploy/rancher"
echo "First login's password: kubectl -n cattle-system get secret bootstrap-secret -o jsonpath='{.data.bootstrapPassword}' | base64 -d"
