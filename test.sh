#!/usr/bin/env bash
# Runs every test of every module: process tests on the Operaton engine, worker tests
# against simulators, and integration and browser tests on the whole application and a real
# PostgreSQL. The production profile builds the UI bundle the browser tests load.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java.sh
# The production shape (docker-compose.yml) is valid and fails closed without its secrets.
scripts/check-compose.sh
exec ./mvnw -B -Pproduction verify "$@"
