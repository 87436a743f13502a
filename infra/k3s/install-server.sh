#!/usr/bin/env bash
# Installs the K3s server on this VM (run as root):
#   export K3S_TOKEN=$(openssl rand -hex 32)   # the cluster's join secret; keep it for the agents
#   export K3S_API_HOST=k3s-1.fluxo.local      # the name or address clients reach the API by
#   ./install-server.sh
# K3S_CHANNEL picks the release line (default v1.34, https://update.k3s.io/v1-release/channels).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${K3S_TOKEN:?set K3S_TOKEN, e.g. export K3S_TOKEN=\$(openssl rand -hex 32)}"
: "${K3S_API_HOST:?set K3S_API_HOST to the name or address of this server}"
export K3S_TOKEN K3S_API_HOST
install -d -m 0755 /etc/rancher/k3s
(umask 077 && "$here/render.sh" "$here/server-config.yaml" > /etc/rancher/k3s/config.yaml)
curl -sfL https://get.k3s.io | INSTALL_K3S_CHANNEL="${K3S_CHANNEL:-v1.34}" sh -s - server
echo "K3s server installed; check with: k3s kubectl get nodes -o wide"
