#!/usr/bin/env bash
# Installs the Spark operator with values.yaml, then lets the runtime create SparkApplications
# in fluxo (kustomization.yaml):
#   infra/spark-operator/install.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SPARK_OPERATOR_CHART_VERSION=2.5.2
helm repo add spark-operator https://kubeflow.github.io/spark-operator --force-update
helm upgrade --install spark-operator spark-operator/spark-operator --namespace spark-operator \
  --version "$SPARK_OPERATOR_CHART_VERSION" --values "$here/values.yaml" --wait
kubectl apply -k "$here"
echo "Check with: kubectl auth can-i create sparkapplications.sparkoperator.k8s.io -n fluxo --as=system:serviceaccount:fluxo:fluxo-runtime"
