#!/usr/bin/env bash
# Installs cert-manager, then the platform's CA, issuers and certificates (kustomization.yaml):
#   infra/cert-manager/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CERT_MANAGER_CHART_VERSION=v1.21.1
helm repo add jetstack https://charts.jetstack.io --force-update
helm upgrade --install cert-manager jetstack/cert-manager --namespace cert-manager \
  --version "$CERT_MANAGER_CHART_VERSION" --values "$here/values.yaml" --wait
kubectl apply -k "$here"
kubectl -n cert-manager wait --for=condition=Ready certificate/fluxo-ca --timeout=2m
echo "Check with: kubectl get clusterissuers; kubectl get certificates -A"
