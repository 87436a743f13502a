#!/usr/bin/env bash
# The local runtime's benchmark (issue "The local runtime", item 9). Not a test: it prints a table
# of wall time and peak memory per workload. Build first: mvn -B -q install -DskipTests
# Usage: bench/run.sh [repetitions]   (default 3; the table shows the median)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$PWD/bench/target/bench.jar
REPS=${1:-3}
[ -f "$JAR" ] || { echo "Build first: mvn -B -q install -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Runs one workload REPS times in a fresh datastore; prints "median_wall_s peak_rss_mib".
measure() {
  local walls=() peak=0
  for _ in $(seq "$REPS"); do
    rm -rf "$WORK/ds"
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2>&1 || { cat "$WORK/out" >&2; true; }
    read -r wall rss < "$WORK/time"
    walls+=("$wall")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $((peak / 1024))"
}

DS=(--datastore-root "$WORK/ds")

# Warm the class-data-sharing archive once, as any second run on a machine would have it.
java -jar "$JAR" --flow LinearBenchFlow run "${DS[@]}" > /dev/null 2>&1 || true

printf '%-44s %10s %8s %12s\n' workload wall_s tasks peak_rss_MiB
row() { local name=$1 tasks=$2; shift 2; read -r wall rss < <(measure "$@"); printf '%-44s %10s %8s %12s\n' "$name" "$wall" "$tasks" "$rss"; }

row "10-step no-op linear flow" 10 java -jar "$JAR" --flow LinearBenchFlow run "${DS[@]}"
row "foreach of 100 no-op tasks" 103 java -jar "$JAR" --flow ForeachBenchFlow run --width 100 "${DS[@]}"
row "foreach of 1,000 no-op tasks" 1003 java -jar "$JAR" --flow ForeachBenchFlow run --width 1000 --max-num-splits 1000 "${DS[@]}"
row "256 MiB byte[] + 1M-int list, write then read" 3 java -jar "$JAR" --flow BigArtifactBenchFlow run "${DS[@]}"
row "4-way branch with mergeArtifacts" 7 java -jar "$JAR" --flow BranchBenchFlow run "${DS[@]}"

# Resume: fail at step 9 once (not timed), then time the resume that clones 8 steps and runs 2.
resume_once() {
  rm -rf "$WORK/ds"
  FLUXO_BENCH_FAIL_AT=s8 java -jar "$JAR" --flow LinearBenchFlow run --datastore-root "$WORK/ds" > /dev/null 2>&1 || true
  /usr/bin/time -f "%e %M" -o "$WORK/time" java -jar "$JAR" --flow LinearBenchFlow resume --origin-run-id 1 --datastore-root "$WORK/ds" > "$WORK/out" 2>&1
  cat "$WORK/time"
}
walls=(); peak=0
for _ in $(seq "$REPS"); do read -r wall rss < <(resume_once); walls+=("$wall"); [ "$rss" -gt "$peak" ] && peak=$rss; done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf '%-44s %10s %8s %12s\n' "resume of a 10-step flow failed at step 9" "$median" 2 "$((peak / 1024))"
