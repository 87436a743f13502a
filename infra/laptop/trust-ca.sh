#!/usr/bin/env bash
# Makes this laptop reach the platform by name and trust its private CA (infra/cert-manager/ca.yaml):
#   infra/laptop/trust-ca.sh 192.168.56.11      # any node's address: Traefik answers on every node
# - saves the CA as ~/.fluxo/fluxo-ca.crt (from the cluster, with the current kubeconfig)
# - adds the hosts to /etc/hosts, the CA to the JDK that runs `flow` (keytool -cacerts), to
#   Docker (/etc/docker/certs.d) and to mc (~/.mc/certs/CAs); these steps use sudo
# Browsers: import ~/.fluxo/fluxo-ca.crt as a trusted authority by hand. Not needed with
# certificates from acme-issuer.template.yaml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../domain.env
. "$here/../domain.env"
ingress_ip="${1:?usage: trust-ca.sh INGRESS_IP}"
hosts=(fluxo minio console.minio harbor rancher)
ca="$HOME/.fluxo/fluxo-ca.crt"

mkdir -p "$HOME/.fluxo"
kubectl -n cert-manager get secret fluxo-ca -o jsonpath='{.data.ca\.crt}' | base64 -d > "$ca"
echo "CA saved as $ca"

names=$(printf "%s.${FLUXO_DOMAIN} " "${hosts[@]}")
if ! grep -q "harbor.${FLUXO_DOMAIN}" /etc/hosts; then
  echo "$ingress_ip ${names% }" | sudo tee -a /etc/hosts >/dev/null
  echo "Added to /etc/hosts: $ingress_ip ${names% }"
fi

java_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
if ! "$java_home/bin/keytool" -list -cacerts -storepass changeit -alias fluxo-ca >/dev/null 2>&1; then
  sudo "$java_home/bin/keytool" -importcert -noprompt -cacerts -storepass changeit -alias fluxo-ca -file "$ca"
  echo "The JDK at $java_home trusts the CA"
fi

sudo install -D -m 0644 "$ca" "/etc/docker/certs.d/harbor.${FLUXO_DOMAIN}/ca.crt"
install -D -m 0644 "$ca" "$HOME/.mc/certs/CAs/fluxo-ca.crt"
echo "Check with: curl -fsS --cacert $ca https://fluxo.${FLUXO_DOMAIN}/health"
