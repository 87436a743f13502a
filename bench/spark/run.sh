#!/usr/bin/env bash
# The flagship pipeline on the full data, through Fluxo and as one plain Spark main; prints both
# wall times, their ratio and the metrics of every run (the same seed must give the same metrics).
# Each run's CPU time (user + system, of the JVM and every process it started) is printed beside its
# wall time: on a machine whose speed drifts, it shows whether a side did more work or only waited.
#
#   bench/spark/run.sh [DATA [REPEATS [MODEL_TYPE]]]
#
# PLAIN_JVM_OPTS adds JVM options to the plain side only, e.g. the ones Fluxo gives its @Resources
# tasks (SubprocessStepLauncher.HEAVY_JVM_OPTIONS), to compare like with like.
# DATA defaults to the shared 3M-row file (../shared/data/flights-3m.parquet from the repository
# root); build the jar first: mvn -B -q package -DskipTests -pl examples/flight-delay -am
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=examples/flight-delay/target/flight-delay.jar
DATA=${1:-../shared/data/flights-3m.parquet}
REPEATS=${2:-3}
MODEL=${3:-LOGISTIC_REGRESSION}
[[ -f $JAR ]] || { echo "Missing $JAR; build it with: mvn -B -q package -DskipTests -pl examples/flight-delay -am" >&2; exit 2; }
[[ -e $DATA ]] || { echo "Missing $DATA; see examples/flight-delay/data/README.md" >&2; exit 2; }
DATA=$(realpath "$DATA")
WORK=$(mktemp -d /tmp/fluxo-spark-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# java -cp ignores the jar's Add-Opens manifest entry: the plain main gets the list Fluxo gives its tasks
OPENS=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done

metrics() { grep -E '^(.*\] )?(areaUnderROC|areaUnderPR|accuracy|f1|rmse|mae|r2) ' "$1" | sed -E 's/.*\] //' | tr -s ' ' | paste -sd';' -; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $DATA ($(du -h "$DATA" | cut -f1)), model $MODEL, $REPEATS repeats, plain JVM options: ${PLAIN_JVM_OPTS:-none}"
plain_times=(); fluxo_times=(); plain_cpu=(); fluxo_cpu=()
TIMEFORMAT='%R %U %S'
for i in $(seq 1 "$REPEATS"); do
  # alternate the order so that drift in the machine's load hits both sides alike
  for side in $( ((i % 2)) && echo "plain fluxo" || echo "fluxo plain"); do
    log="$WORK/$side-$i.log"
    {
      time if [[ $side == plain ]]; then
        java ${PLAIN_JVM_OPTS:-} $OPENS -cp "$JAR" io.fluxo.examples.flightdelay.PlainSparkPipeline "$DATA" "$WORK/plain-models" "$MODEL" 42 >"$log" 2>&1
      else
        FLUXO_DATASTORE_ROOT="$WORK/store" java -jar "$JAR" run --raw-path "$DATA" --model-path "$WORK/fluxo-models" \
          --model-type "$MODEL" --seed 42 >"$log" 2>&1
      fi
    } 2>"$WORK/time"
    read -r seconds user system <"$WORK/time"
    cpu=$(echo "$user + $system" | bc)
    if [[ $side == plain ]]; then plain_times+=("$seconds"); plain_cpu+=("$cpu"); else fluxo_times+=("$seconds"); fluxo_cpu+=("$cpu"); fi
    printf '%-5s run %d: %6.1f s (cpu %6.1f s)   %s\n' "$side" "$i" "$seconds" "$cpu" "$(metrics "$log")"
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
p=$(median "${plain_times[@]}"); f=$(median "${fluxo_times[@]}")
printf 'median: plain %.1f s, fluxo %.1f s, ratio %.3f (goal <= 1.10)\n' "$p" "$f" "$(echo "$f / $p" | bc -l)"
p=$(median "${plain_cpu[@]}"); f=$(median "${fluxo_cpu[@]}")
printf 'median cpu: plain %.1f s, fluxo %.1f s, ratio %.3f\n' "$p" "$f" "$(echo "$f / $p" | bc -l)"
