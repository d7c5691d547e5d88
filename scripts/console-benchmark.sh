#!/usr/bin/env bash
# Builds the benchmark module (root pom profile "benchmark") and runs the console benchmark: a fresh
# database of the application gets 1,000,000 generated completed referrals (about 3.5 years up to
# yesterday, HistoryGenerator), then each console page's queries are timed (median and p95 of 15 runs
# after 2 warm-up runs). Prints the generation time, rows per table and the timings; asserts nothing.
# Takes about 10-15 minutes and a few GB of disk (removed afterwards unless -Dbench.keep=true).
# Settings (Java system properties) go after the script, e.g.
#   scripts/console-benchmark.sh -Dbench.referrals=100000 -Dbench.years=1 -Dbench.runs=9
# Add -o to MAVEN_ARGS to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java.sh
./mvnw -B -q ${MAVEN_ARGS:-} -Dlicense.skip=true -Pbenchmark -pl benchmark -am -DskipTests package
exec "$JAVA_HOME/bin/java" -Xmx3g "$@" \
  -cp "benchmark/target/homefirst-benchmark.jar:$(cat benchmark/target/classpath.txt)" \
  org.homefirst.benchmark.ConsoleBenchmark
