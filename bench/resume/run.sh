#!/usr/bin/env bash
# Kill probe: kills the orchestrator of a foreach run with SIGKILL at a random moment, resumes the
# run until it succeeds, and checks that the result equals an uninterrupted run's, that no task
# process outlives it and that no temporary file is left. Needs Java 17 and Maven.
#   bench/resume/run.sh [KILLS=50] [COUNT=12]
set -euo pipefail
cd "$(dirname "$0")/../.."
KILLS=${1:-50}; COUNT=${2:-12}
if [[ ! -f examples/target/flow.jar ]]; then
  mvn -q -B package -DskipTests -pl examples -am
fi
jar=$(pwd)/examples/target/flow.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
flow() { java -jar "$jar" --flow ForeachFlow "$@"; }
expected=$(flow run --count "$COUNT" | grep -o 'sum of squares: [0-9]*')
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "uninterrupted: $expected; $KILLS kills follow"
resumed=0; finished_before_kill=0; resumes=0; start=$SECONDS
for i in $(seq 1 "$KILLS"); do
  java -jar "$jar" --flow ForeachFlow run --count "$COUNT" > "run-$i.log" 2>&1 &
  orchestrator=$!
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.3 + (r % 400) / 100 }')"
  kill -9 "$orchestrator" 2>/dev/null || true
  wait "$orchestrator" 2>/dev/null || true
  run=$(grep -o 'run-id [0-9]*' "run-$i.log" | head -1 | cut -d' ' -f2 || true)
  if [[ -z "$run" ]]; then
    echo "kill $i: before the run had an id"; continue
  fi
  # a task process stops once its orchestrator is gone
  for _ in $(seq 1 300); do
    pgrep -f "step --from-stdin" > /dev/null || break; sleep 0.1
  done
  if pgrep -f "step --from-stdin" > /dev/null; then echo "kill $i: task processes outlived run $run"; exit 1; fi
  origin=$run
  for attempt in 1 2 3; do
    resumes=$((resumes + 1))
    if out=$(flow resume --origin-run-id "$origin" 2>&1); then break; fi
    if grep -q "start a new run instead" <<< "$out"; then out=$(flow run --count "$COUNT" 2>&1); break; fi
    if grep -q "it finished successfully" <<< "$out"; then
      finished_before_kill=$((finished_before_kill + 1)); out=$(cat "run-$i.log"); break
    fi
    origin=$(grep -o 'run-id [0-9]*' <<< "$out" | head -1 | cut -d' ' -f2)
  done
  got=$(grep -o 'sum of squares: [0-9]*' <<< "$out" || true)
  if [[ "$got" != "$expected" ]]; then echo "kill $i: run $run resumed to '$got', not '$expected'"; echo "$out"; exit 1; fi
  resumed=$((resumed + 1))
done
leftovers=$(find . -path '*/.tmp/*' -type f | wc -l)
echo "resumed correctly: $resumed of $KILLS kills ($finished_before_kill runs had ended before their kill), $resumes resume commands, $((SECONDS - start)) s"
echo "temporary files left: $leftovers; task processes left: $(pgrep -fc 'step --from-stdin' || true)"
[[ "$leftovers" == 0 ]]
