#!/usr/bin/env bash
# Joins this VM to the cluster as a K3s agent (run as root), with the server's token and address:
#   export K3S_TOKEN=<the server's K3S_TOKEN> K3S_API_HOST=k3s-1.fluxo.local
#   ./install-agent.sh
# K3S_CHANNEL must match the server's (default v1.34).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${K3S_TOKEN:?set K3S_TOKEN to the token of the server (/var/lib/rancher/k3s/server/token)}"
: "${K3S_API_HOST:?set K3S_API_HOST to the name or address of the server}"
export K3S_TOKEN K3S_API_HOST
install -d -m 0755 /etc/rancher/k3s
(umask 077 && "$here/render.sh" "$here/agent-config.yaml" > /etc/rancher/k3s/config.yaml)
curl -sfL https://get.k3s.io | INSTALL_K3S_CHANNEL="${K3S_CHANNEL:-v1.34}" sh -s - agent
echo "K3s agent installed; check on the server with: k3s kubectl get nodes"
