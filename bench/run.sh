#!/usr/bin/env bash
# Runs the benchmark suite: Switchboard against Socket.IO, a raw Netty broadcast server and Spring
# STOMP, every scenario, on loopback, and rewrites docs/benchmarks.md and
# docs/benchmarks-latency.png from the measured figures.
#
#   bench/run.sh [--quick] [--peers switchboard,netty,socketio,stomp]
#                [--scenarios idle,fanout,saturation,small,storm,slow]
#
# Needs JDK 17+, Node 20+ with npm, taskset, and 2 CPUs: each server runs on CPU 0, the
# generator on CPU 1. Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [[ $(nproc) -lt 2 ]]; then
  echo "bench/run.sh needs 2 CPUs (server on one, generator on the other); this machine has $(nproc)." >&2
  exit 1
fi
command -v taskset >/dev/null || { echo "taskset is missing (apt-get install util-linux)" >&2; exit 1; }

echo "building the server, the generator and the peers..."
./mvnw -q -B -ntp -pl server -am -DskipTests -Dnpm.skipInstall -Dspotless.check.skip=true package
./mvnw -q -B -ntp -f bench/generator/pom.xml -DskipTests package
./mvnw -q -B -ntp -f bench/peers/netty/pom.xml -DskipTests package
./mvnw -q -B -ntp -f bench/peers/spring-stomp/pom.xml -DskipTests package
(cd bench/peers/socketio && npm install --no-audit --no-fund --silent)

# One connection is one open file on each side; the idle scenario opens up to 18,000.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files: $(ulimit -n)"

results=bench/results/latest
rm -rf "$results"
mkdir -p "$results"
# The generator (and the helper processes it starts) stays on CPU 1; it pins each server to CPU 0.
taskset -c 1 java -Xms1g -Xmx3g -jar bench/generator/target/bench.jar \
  --results "$results" --report docs/benchmarks.md --server-cpu 0 "$@" 2>&1 | tee "$results/console.log"
