#!/usr/bin/env bash
# Benchmarks the web UI on the metadata service's database: the catalog's queries and the pages as a
# browser gets them (HTTP GET, whole body), with 100,000 runs and a run of 10,000 tasks loaded into
# an embedded PostgreSQL started here. Usage:
#   bench/ui/run.sh [runs] [tasks of the big run] [measured calls per figure] [--hold]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q package -DskipTests -pl flow-service -am \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
classpath="flow-service/target/test-classes:flow-service/target/classes:$(cat flow-service/target/bench-classpath.txt)"
exec java -Xmx2g -cp "$classpath" io.fluxo.service.UiCatalogBench "$@"
