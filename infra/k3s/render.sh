#!/usr/bin/env bash
# Prints a template with each ${NAME} replaced by the environment variable NAME; fails on an unset one.
#   render.sh server-config.yaml > /etc/rancher/k3s/config.yaml
set -euo pipefail
template="${1:?usage: render.sh TEMPLATE}"
perl -pe 's/\$\{(\w+)\}/defined $ENV{$1} ? $ENV{$1} : die "render.sh: $1 is not set\n"/ge' "$template"
