#!/usr/bin/env bash
# Prints what durable commits cost the embedded H2 database (WRITE_DELAY=0 against H2's default
# background writer): commits per second and latency for the server's kinds of write (ADR 0011).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl server -am -DskipTests -Dnpm.skipInstall -Dspotless.check.skip=true test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test \
  >/dev/null
java -Xmx512m -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
  dev.switchboard.server.storage.H2DurabilityBenchmark
