#!/usr/bin/env bash
# Moves every host of the platform from the current domain (infra/domain.env) to another one:
#   infra/set-domain.sh example.org      # fluxo.fluxo.local -> fluxo.example.org, ...
# Rewrites infra/ and BACKLOG.md in place; review with git diff, then run mvn -B verify -pl infra.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=SCRIPTDIR/domain.env
. "$root/infra/domain.env"
new="${1:?usage: set-domain.sh NEW_DOMAIN (now ${FLUXO_DOMAIN})}"
if ! [[ "$new" =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]]; then
  echo "Not a DNS domain: $new" >&2
  exit 2
fi
old_re=${FLUXO_DOMAIN//./\\.}          # fluxo\.local: the name in a sed pattern
old_escaped_re=${FLUXO_DOMAIN//./\\\\\\.} # fluxo\\\.local: the name as written in a regular expression (CoreDNS)
new_escaped=${new//./\\\\.}
grep -rlZ --exclude-dir=node_modules -e "${FLUXO_DOMAIN%%.*}" "$root/infra" "$root/BACKLOG.md" \
  | xargs -0 sed -i -e "s/\([.@/]\)${old_re}\b/\1${new}/g" -e "s/${old_escaped_re}/${new_escaped}/g" \
    -e "s/^FLUXO_DOMAIN=.*/FLUXO_DOMAIN=${new}/"
echo "Hosts now end in .${new}; check with: git diff --stat && mvn -B verify -pl infra"
