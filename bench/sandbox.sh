#!/usr/bin/env bash
# Prints the time from send_message to the first stream_output with and without the bubblewrap
# sandbox, measured side by side (needs bwrap: apt-get install bubblewrap).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl server -am -DskipTests -Dnpm.skipInstall install -Dspotless.check.skip=true >/dev/null
./mvnw -q -f server/pom.xml dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
java -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
  dev.switchboard.server.sandbox.SandboxLatencyBenchmark 2>/dev/null | grep -v '^[0-9][0-9]:'
