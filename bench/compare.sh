#!/usr/bin/env bash
# Measures this checkout against an earlier commit of Switchboard, side by side in one run: builds
# both server jars (the earlier one in a temporary git worktree), then runs the generator with the
# peers "switchboard" (this checkout) and "baseline" (the earlier commit).
#
#   bench/compare.sh <commit> [--quick] [--scenarios fanout,saturation] [--report FILE]
#
# Writes bench/results/compare/ and, by default, docs/benchmarks-write-path.md. Same needs as
# bench/run.sh (2 CPUs, taskset, JDK 17+).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
commit=${1:?usage: bench/compare.sh <commit> [--quick] [--scenarios LIST] [--report FILE]}
shift
base=$(git rev-parse --short "$commit")
scenarios=fanout,saturation
report=docs/benchmarks-write-path.md
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --scenarios) scenarios=$2; shift 2 ;;
    --report) report=$2; shift 2 ;;
    --quick) extra+=(--quick); shift ;;
    *) echo "unknown argument $1" >&2; exit 1 ;;
  esac
done
[[ $(nproc) -ge 2 ]] || { echo "bench/compare.sh needs 2 CPUs" >&2; exit 1; }

build_server() {
  ./mvnw -q -B -ntp -pl server -am -DskipTests -Dnpm.skipInstall -Dspotless.check.skip=true package
}

echo "building the baseline server at $base..."
tree=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$tree" "$base"
mkdir -p bench/results/baseline
(cd "$tree" && build_server)
cp "$tree/server/target/switchboard.jar" bench/results/baseline/switchboard.jar

echo "building this checkout's server and the generator..."
build_server
./mvnw -q -B -ntp -f bench/generator/pom.xml -DskipTests package

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
results=bench/results/compare
rm -rf "$results"
mkdir -p "$results"
taskset -c 1 java -Xms1g -Xmx3g -jar bench/generator/target/bench.jar \
  --results "$results" --report "$report" --server-cpu 0 --baseline-commit "$base" \
  --peers switchboard,baseline --scenarios "$scenarios" "${extra[@]}" 2>&1 | tee "$results/console.log"
