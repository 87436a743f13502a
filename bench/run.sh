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

# Runs one workload REPS times in a fresh datastore; prints "median_wall_s median_cpu_s peak_rss_mib".
# CPU is user+system time of the run and every task process it waited for: on a busy machine it
# varies far less than wall time.
measure() {
  local walls=() cpus=() peak=0
  for _ in $(seq "$REPS"); do
    rm -rf "$WORK/ds"
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" > "$WORK/out" 2>&1 || { cat "$WORK/out" >&2; true; }
    read -r wall user sys rss < "$WORK/time"
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  echo "$(median "${walls[@]}") $(median "${cpus[@]}") $((peak / 1024))"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

DS=(--datastore-root "$WORK/ds")

# Warm the class-data-sharing archive once, as any second run on a machine would have it.
java -jar "$JAR" --flow LinearBenchFlow run "${DS[@]}" > /dev/null 2>&1 || true

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-46s %7s %8s %7s %12s %12s\n' workload tasks wall_s cpu_s wall/task_s peak_rss_MiB
row() {
  local name=$1 tasks=$2; shift 2
  read -r wall cpu rss < <(measure "$@")
  printf '%-46s %7s %8s %7s %12s %12s\n' "$name" "$tasks" "$wall" "$cpu" "$(echo "scale=3; $wall / $tasks" | bc)" "$rss"
}

row "10-step no-op linear flow" 10 java -jar "$JAR" --flow LinearBenchFlow run "${DS[@]}"
row "foreach of 100 no-op tasks" 103 java -jar "$JAR" --flow ForeachBenchFlow run --width 100 "${DS[@]}"
row "foreach of 1,000 no-op tasks" 1003 java -jar "$JAR" --flow ForeachBenchFlow run --width 1000 --max-num-splits 1000 "${DS[@]}"
row "256 MiB byte[] + 1M-int list, write then read" 3 java -jar "$JAR" --flow BigArtifactBenchFlow run "${DS[@]}"
row "4-way branch with mergeArtifacts" 7 java -jar "$JAR" --flow BranchBenchFlow run "${DS[@]}"

# Resume: fail at step 9 (not timed), then time only the resume, which clones 8 steps and runs 2.
walls=(); cpus=(); peak=0
for _ in $(seq "$REPS"); do
  rm -rf "$WORK/ds"
  FLUXO_BENCH_FAIL_AT=s8 java -jar "$JAR" --flow LinearBenchFlow run "${DS[@]}" > /dev/null 2>&1 || true
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" java -jar "$JAR" --flow LinearBenchFlow resume --origin-run-id 1 "${DS[@]}" > "$WORK/out" 2>&1
  read -r wall user sys rss < "$WORK/time"
  walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)"); [ "$rss" -gt "$peak" ] && peak=$rss
done
wall=$(median "${walls[@]}")
printf '%-46s %7s %8s %7s %12s %12s\n' "resume of a 10-step flow failed at step 9" 10 "$wall" "$(median "${cpus[@]}")" \
  "$(echo "scale=3; $wall / 10" | bc)" "$((peak / 1024))"
