#!/usr/bin/env bash
# Builds the benchmark module (root pom profile "benchmark") and runs it, closed loop: N patient
# drivers each take one pathway 0 journey at a time from referral to completion (the drivers do the
# user tasks; workers, engine and a 1 s home-check timer the rest), end to end and on a bare engine.
# Prints per N journeys completed per second and the end-to-end/bare ratio, journey duration, CPU
# per journey, intake and task-visible latency, and the inbox query at 50,000 open tasks. Asserts
# nothing. Takes about 5-6 minutes. Settings (Java system properties) go after the script, e.g.
#   scripts/benchmark.sh -Dbench.drivers=8 -Dbench.window=PT10S -Dbench.queue=false
# See benchmark/README.md. Add -o to MAVEN_ARGS to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java.sh
./mvnw -B -q ${MAVEN_ARGS:-} -Dlicense.skip=true -Pbenchmark -pl benchmark -am -DskipTests package
exec "$JAVA_HOME/bin/java" -Xmx2g "$@" \
  -cp "benchmark/target/homefirst-benchmark.jar:$(cat benchmark/target/classpath.txt)" \
  org.homefirst.benchmark.EngineBenchmark
