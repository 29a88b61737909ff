#!/usr/bin/env bash
# Prints the Redis broker's publish latency on one node and its publish-to-delivery latency from
# one node to another, both on loopback. Needs SWITCHBOARD_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${SWITCHBOARD_TEST_REDIS_URL:?set SWITCHBOARD_TEST_REDIS_URL, e.g. redis://127.0.0.1:6379}"
./mvnw -q -pl server -am -DskipTests -Dnpm.skipInstall install -Dspotless.check.skip=true >/dev/null
./mvnw -q -f server/pom.xml dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
java -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
  dev.switchboard.server.channel.redis.RedisBrokerBenchmark
