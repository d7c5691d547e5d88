#!/usr/bin/env bash
# Builds Home First and runs it on this machine: embedded PostgreSQL + the web application with
# the Operaton engine inside it, demo users and demo referrals. State is kept under ./data.
# The demo profile is asked for here and nowhere else: without a profile the application refuses
# to start.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java.sh
./mvnw -B -q -Pproduction -DskipTests install
exec "$JAVA_HOME/bin/java" -jar ui/target/homefirst.jar --spring.profiles.active=demo "$@"
