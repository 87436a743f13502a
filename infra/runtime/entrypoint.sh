#!/bin/sh
# What a Fluxo step pod runs: entrypoint.sh <flow main class> step <step> --run-id ... (see PodSpecs).
# PodEntrypoint downloads the run's code package (FLUXO_CODE_PACKAGE) from the s3 datastore the
# environment configures (FLUXO_DATASTORE_*, FLUXO_S3_* from the minio-creds secret) and calls the
# flow's main with the remaining arguments. JAVA_TOOL_OPTIONS (set in the image) opens the JDK
# packages Kryo and Spark need; FLUXO_TASK_JVM_OPTS adds JVM options (heap size, ...).
set -eu
FLUXO_LIB="${FLUXO_LIB:-/opt/fluxo/lib}"
if [ "$#" -lt 1 ]; then
  echo "Usage: entrypoint.sh <flow main class> step ..." >&2
  exit 2
fi
# shellcheck disable=SC2086
exec java ${FLUXO_TASK_JVM_OPTS:-} -cp "$FLUXO_LIB/*" io.fluxo.kubernetes.PodEntrypoint "$@"
