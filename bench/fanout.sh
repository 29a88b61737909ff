#!/usr/bin/env bash
# Prints the node-local fan-out cost per subscriber (1k, 10k subscribers) and shows that a small
# channel's publish cost does not depend on how many other connections are open.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl server -am -DskipTests -Dnpm.skipInstall install -Dspotless.check.skip=true >/dev/null
./mvnw -q -f server/pom.xml dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
java -Xms1g -Xmx1g -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.classpath)" \
  dev.switchboard.server.ws.FanoutBenchmark
