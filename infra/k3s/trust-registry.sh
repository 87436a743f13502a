#!/usr/bin/env bash
# Lets this node's containerd pull from Harbor (run as root on every node, after infra/cert-manager):
#   ./trust-registry.sh fluxo-ca.crt 192.168.56.11
# installs the platform CA and registries.yaml, maps the registry's host to INGRESS_IP (any node's
# address: K3s' service load balancer answers on every node) in /etc/hosts, and restarts K3s.
# Get the CA with: kubectl -n cert-manager get secret fluxo-ca -o jsonpath='{.data.ca\.crt}' | base64 -d
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../domain.env
. "$here/../domain.env"
ca_file="${1:?usage: trust-registry.sh CA_FILE INGRESS_IP}"
ingress_ip="${2:?usage: trust-registry.sh CA_FILE INGRESS_IP}"
registry="harbor.${FLUXO_DOMAIN}"
install -m 0644 "$ca_file" /etc/rancher/k3s/fluxo-ca.crt
install -m 0644 "$here/registries.yaml" /etc/rancher/k3s/registries.yaml
if ! grep -qE "[[:space:]]${registry//./\\.}([[:space:]]|$)" /etc/hosts; then
  echo "$ingress_ip $registry" >> /etc/hosts
fi
if systemctl is-active --quiet k3s; then systemctl restart k3s; else systemctl restart k3s-agent; fi
echo "containerd now trusts $registry; check with: k3s crictl pull $registry/fluxo/runtime:0.1.0"
