#!/usr/bin/env bash
# S3 transfer benchmark: ContentStore + S3Storage against a plain minio-java copy of the same bytes,
# on s3proxy (jclouds transient backend) started here on 127.0.0.1. Needs only Java 17 and Maven.
#   bench/s3/run.sh [BIG_MIB=256] [SMALL_COUNT=10000] [SMALL_BYTES=1024] [THREADS=8]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIG_MIB=${1:-256}; SMALL_COUNT=${2:-10000}; SMALL_BYTES=${3:-1024}; THREADS=${4:-8}
if [[ ! -f bench/target/bench.jar || ! -f flow-runtime/target/s3proxy/s3proxy.jar ]]; then
  mvn -q -B package -DskipTests -pl bench -am
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret-key-0123456789
jclouds.provider=transient
jclouds.identity=bench-access
jclouds.credential=bench-secret-key-0123456789
jclouds.filesystem.basedir=$work/data
CONF
java -Xmx3g -jar flow-runtime/target/s3proxy/s3proxy.jar --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
proxy=$!
trap 'kill $proxy 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -cp bench/target/bench.jar io.fluxo.bench.s3.S3TransferBench \
  "http://127.0.0.1:$port" bench-access bench-secret-key-0123456789 "$BIG_MIB" "$SMALL_COUNT" "$SMALL_BYTES" "$THREADS"
