#!/usr/bin/env bash
# Creates Harbor's private project "fluxo" and a robot account that can push and pull in it, with
# Harbor's REST API (https://harbor.fluxo.local/devcenter-api-2.0):
#   HARBOR_ADMIN_PASSWORD=... FLUXO_CA_FILE=fluxo-ca.crt infra/harbor/create-project.sh
# The robot's secret is shown once by Harbor: the script writes it, with the robot's name, to
# ./harbor-robot.env (mode 0600) for infra/secrets/create-secrets.sh and docker login. Needs curl, jq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../domain.env
. "$here/../domain.env"
: "${HARBOR_ADMIN_PASSWORD:?set HARBOR_ADMIN_PASSWORD (the secret harbor-admin in namespace harbor)}"
api="https://harbor.${FLUXO_DOMAIN}/api/v2.0"
project=fluxo
robot=fluxo-push
answer=$(mktemp)  # private to this user: it will hold the robot's secret
trap 'rm -f "$answer"' EXIT
curl_harbor() {
  curl -sS --cacert "${FLUXO_CA_FILE:-fluxo-ca.crt}" -u "admin:${HARBOR_ADMIN_PASSWORD}" \
    -H 'Content-Type: application/json' -o "$answer" -w '%{http_code}' "$@"
}

status=$(curl_harbor -X POST "$api/projects" \
  -d "{\"project_name\": \"$project\", \"metadata\": {\"public\": \"false\"}}")
case "$status" in
  201) echo "Created project $project" ;;
  409) echo "Project $project exists" ;;
  *) echo "Cannot create project $project: HTTP $status $(cat "$answer")" >&2; exit 1 ;;
esac

status=$(curl_harbor -X POST "$api/robots" -d @- <<JSON
{"name": "$robot", "level": "project", "duration": -1,
 "description": "pushes and pulls Fluxo's images",
 "permissions": [{"kind": "project", "namespace": "$project",
                  "access": [{"resource": "repository", "action": "push"},
                             {"resource": "repository", "action": "pull"}]}]}
JSON
)
case "$status" in
  201)
    (umask 077
     printf 'export HARBOR_ROBOT_NAME=%q\nexport HARBOR_ROBOT_SECRET=%q\n' \
       "$(jq -r .name "$answer")" "$(jq -r .secret "$answer")" \
       > harbor-robot.env)
    echo "Created robot account $(jq -r .name "$answer"); its secret is in ./harbor-robot.env" ;;
  409) echo "Robot account $robot exists; to get a new secret: Harbor UI > Projects > $project > Robot Accounts > Refresh Secret" ;;
  *) echo "Cannot create robot account $robot: HTTP $status $(cat "$answer")" >&2; exit 1 ;;
esac
echo "Check with: . ./harbor-robot.env && docker login harbor.${FLUXO_DOMAIN} -u \"\$HARBOR_ROBOT_NAME\" --password-stdin <<< \"\$HARBOR_ROBOT_SECRET\""
