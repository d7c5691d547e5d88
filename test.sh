#!/usr/bin/env bash
# Runs every test of every module: process tests on Zeebe Process Test's engine, worker tests
# against simulators, and integration tests on the real Zeebe broker and a real PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java.sh
exec ./mvnw -B verify "$@"
