#!/usr/bin/env bash
# The several-nodes scenario: two Switchboard nodes sharing a deployment, publishes through one,
# subscribers split over both, against one node alone, a standalone Redis and a Redis Cluster of
# three masters and three replicas, side by side in one run. Prints a Markdown table of
# cross-node latency, deliveries per server CPU-second and Redis CPU per thousand publishes and
# deliveries (docs/benchmarks.md, "Several nodes").
#
#   bench/multinode.sh [--subscribers 1000] [--channels 30] [--rate 200] [--seconds 20]
#
# Needs JDK 17+, taskset, redis-server and redis-cli 7+ (apt-get install redis-server redis-tools)
# and PostgreSQL on 127.0.0.1:5432 (trust auth; the nodes share the database switchboard_bench,
# created if missing). Starts its own Redis processes on loopback ports and stops them on exit.
# The nodes run on CPU 0; Redis and the generator on CPU 1. Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in taskset redis-server redis-cli psql; do
  command -v "$tool" >/dev/null || { echo "bench/multinode.sh needs $tool" >&2; exit 1; }
done
if [[ $(nproc) -lt 2 ]]; then
  echo "bench/multinode.sh needs 2 CPUs (nodes on one, Redis and the generator on the other)" >&2
  exit 1
fi

echo "building the server and the generator..."
./mvnw -q -B -ntp -pl server -am -DskipTests -Dnpm.skipInstall -Dspotless.check.skip=true package
./mvnw -q -B -ntp -f bench/generator/pom.xml -DskipTests package

db=switchboard_bench
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $db"
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { # a loopback port free now, with port + 10000 (the cluster bus) free too; both
  # below the kernel's ephemeral range (32768+), so no client connection can take them meanwhile
  while true; do
    local port=$((11000 + RANDOM % 11000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null \
      && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 10000))") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

redis() { # port [cluster options...]: starts one redis-server on CPU 1, prints its pid
  local port=$1
  shift
  taskset -c 1 redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$work" --logfile "$work/redis-$port.log" "$@" >/dev/null 2>&1 &
  echo $!
}

await_ping() {
  for _ in $(seq 100); do redis-cli -p "$1" ping >/dev/null 2>&1 && return; sleep 0.1; done
  echo "redis on $1 did not start:" >&2
  tail -5 "$work/redis-$1.log" >&2 || true
  exit 1
}

standalone_port=$(free_port)
standalone_pid=$(redis "$standalone_port")
pids+=("$standalone_pid")
await_ping "$standalone_port"

cluster_ports=()
cluster_pids=()
for _ in 1 2 3 4 5 6; do
  port=$(free_port)
  while [[ " ${cluster_ports[*]} " == *" $port "* ]]; do port=$(free_port); done
  pid=$(redis "$port" --cluster-enabled yes --cluster-config-file "$work/nodes-$port.conf" \
    --cluster-node-timeout 2000 --cluster-require-full-coverage no \
    --repl-diskless-sync yes --repl-diskless-sync-delay 0)
  cluster_ports+=("$port")
  cluster_pids+=("$pid")
  pids+=("$pid")
done
for port in "${cluster_ports[@]}"; do await_ping "$port"; done
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${cluster_ports[@]}") --cluster-replicas 1 \
  --cluster-yes >"$work/create.log"
for port in "${cluster_ports[@]}"; do
  for _ in $(seq 300); do
    redis-cli -p "$port" cluster info | grep -q 'cluster_state:ok' && break
    sleep 0.1
  done
done

# redis-cli makes the first three nodes it is given the masters.
seeds=$(printf 'redis://127.0.0.1:%s,' "${cluster_ports[@]:0:3}")
taskset -c 1 java -Xms1g -Xmx2g -cp bench/generator/target/bench.jar dev.switchboard.bench.MultiNode \
  --db "jdbc:postgresql://127.0.0.1:5432/$db" --server-cpu 0 \
  --standalone "redis://127.0.0.1:$standalone_port" --standalone-pids "$standalone_pid" \
  --cluster "${seeds%,}" --cluster-pids "$(IFS=,; echo "${cluster_pids[*]}")" \
  --cluster-master-pids "$(IFS=,; echo "${cluster_pids[*]:0:3}")" "$@"
