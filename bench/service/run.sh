#!/usr/bin/env bash
# Benchmarks the metadata service: requests/s and p50/p99 latency of task creation and run listing
# with 16 concurrent clients, on an embedded PostgreSQL started here. Usage:
#   bench/service/run.sh [clients] [seconds per workload] [warm-up seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q package -DskipTests -pl flow-service -am \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="flow-service/target/test-classes:flow-service/target/classes:$(cat flow-service/target/bench-classpath.txt)"
exec java -Xmx1g -cp "$classpath" io.fluxo.service.ServiceBench "$@"
