#!/usr/bin/env bash
# Runs every test of every module: process tests on Zeebe Process Test's engine, worker tests
# against simulators, and integration and browser tests on the real Zeebe broker and a real
# PostgreSQL. The production profile builds the UI bundle the browser tests load.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java.sh
exec ./mvnw -B -Pproduction verify "$@"
