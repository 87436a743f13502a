#!/bin/sh
# The metadata service image (Dockerfile, --target service): `flow service` without a flow, as
# io.fluxo.service.ServiceMain over the jars in $FLUXO_LIB. See infra/service/README.md.
#   entrypoint.sh [options]          the service, listening on 0.0.0.0 (unless --host or --no-auth)
#   entrypoint.sh migrate [options]  apply the schema's pending migrations and exit (init container)
#   entrypoint.sh --help             the options (a leading `service` word is ignored)
# Secrets come from the environment only, never from arguments: FLUXO_SERVICE_TOKEN (the bearer
# token; without it the service refuses to start, exit 2, unless --no-auth) and FLUXO_DB_PASSWORD.
# This script prints neither. --no-auth keeps the service on 127.0.0.1, as the service requires
# (reach it with kubectl port-forward). FLUXO_JVM_OPTS adds JVM options (heap size, ...).
# exec: the JVM replaces this shell, so it is the container's PID 1 and gets SIGTERM itself.
set -eu
FLUXO_LIB="${FLUXO_LIB:-/opt/fluxo/lib}"
if [ "${1:-}" = service ]; then
  shift
fi
if [ "${1:-}" != migrate ]; then
  listen_everywhere=true
  for arg in "$@"; do
    case "$arg" in
      --host | --host=* | --no-auth) listen_everywhere=false ;;
    esac
  done
  if [ "$listen_everywhere" = true ]; then
    set -- --host 0.0.0.0 "$@"
  fi
fi
# the JDK packages Kryo reflects into when the web UI previews artifacts (FlowCommand.OPENED_PACKAGES;
# a flow jar's manifest opens them for `flow service`, -cp ignores manifests)
opens=""
for package in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
  java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
  sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$package=ALL-UNNAMED"
done
# shellcheck disable=SC2086 # word splitting wanted: FLUXO_JVM_OPTS and opens are lists of options
exec java ${FLUXO_JVM_OPTS:-} $opens -cp "$FLUXO_LIB/*" io.fluxo.service.ServiceMain "$@"
