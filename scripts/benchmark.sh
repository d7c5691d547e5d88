#!/usr/bin/env bash
# Builds the benchmark module (root pom profile "benchmark") and runs it: journeys of pathway 0 per
# second end to end and on a bare engine, the ratio, CPU per journey, intake and task-visible latency,
# the inbox query at 50,000 open tasks. Prints a table; asserts nothing. Takes about 4 minutes.
# Settings (Java system properties) go after the script, e.g.
#   scripts/benchmark.sh -Dbench.referrers=8 -Dbench.window=PT10S -Dbench.queue=false
# Add -o to MAVEN_ARGS to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java.sh
./mvnw -B -q ${MAVEN_ARGS:-} -Dlicense.skip=true -Pbenchmark -pl benchmark -am -DskipTests package
exec "$JAVA_HOME/bin/java" -Xmx2g "$@" \
  -cp "benchmark/target/homefirst-benchmark.jar:$(cat benchmark/target/classpath.txt)" \
  org.homefirst.benchmark.EngineBenchmark
