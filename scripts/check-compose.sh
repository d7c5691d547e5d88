#!/usr/bin/env bash
# Validates docker-compose.yml (the production shape) without a Docker engine:
#   1. with every required setting given (placeholders), `docker-compose config -q` accepts it;
#   2. the services are postgres 17, two application nodes and the optional workers (profile),
#      and nothing of Camunda 8 / Zeebe / Elasticsearch;
#   3. with no settings at all it refuses to run (secrets fail closed, ${VAR:?});
#   4. production as issue 13 wants it: the database over TLS with the server checked
#      (sslmode=verify-full) for every application container, PostgreSQL with ssl on, API clients'
#      token issuer required, and an image that does not run as root (Dockerfile USER).
# Installs Debian's docker-compose if it is missing and we are root; if it cannot, it says so and
# exits 0 (SKIPPED), or 1 when CHECK_COMPOSE_STRICT=1.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  echo "check-compose: SKIPPED: $*" >&2
  [ "${CHECK_COMPOSE_STRICT:-0}" = 1 ] && exit 1
  exit 0
}

if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "check-compose: installing Debian's docker-compose" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; } >/dev/null 2>&1 \
    || skip "docker-compose is not installed and apt-get could not install it"
  command -v docker-compose >/dev/null 2>&1 || skip "docker-compose still missing after apt-get"
  compose=(docker-compose)
else
  skip "docker-compose is not installed (apt-get install docker-compose, as root)"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/empty.env"
# every ${VAR:?} of the file, given a placeholder; the real .env (if any) is ignored
# (files and folders, mounted into containers, a path)
grep -o '\${[A-Z0-9_]*:?' docker-compose.yml | sed 's/^\${//; s/:?$//' | sort -u \
  | sed -E 's/^(.*_(DIR|FILE))$/\1=\/placeholder\/\1/; /=/!s/$/=placeholder/' >"$tmp/check.env"
required=$(wc -l <"$tmp/check.env")

run() { "${compose[@]}" --project-directory . -f docker-compose.yml "$@"; }

# 1. valid, with everything given
run --env-file "$tmp/check.env" config -q
run --env-file "$tmp/check.env" --profile workers config >"$tmp/config.yml"

# 2. shape
services=$(run --env-file "$tmp/check.env" --profile workers config --services | sort | tr '\n' ' ')
[ "$services" = "homefirst-1 homefirst-2 postgres workers " ] \
  || { echo "check-compose: unexpected services: $services" >&2; exit 1; }
# the workers are optional: only they carry a profile, and it is "workers"
[ "$(grep -c '^    profiles:' "$tmp/config.yml")" = 1 ] \
  && sed -n '/^  workers:/,/^  [a-z]/p' "$tmp/config.yml" | grep -A1 '^    profiles:' | grep -q -- '- workers' \
  || { echo "check-compose: the workers must be optional (profile \"workers\"), the rest not" >&2; exit 1; }
grep -q 'image: postgres:17' "$tmp/config.yml" || { echo "check-compose: postgres is not 17" >&2; exit 1; }
[ "$(grep -c 'SPRING_PROFILES_ACTIVE: production' "$tmp/config.yml")" -ge 3 ] \
  || { echo "check-compose: not every application container runs the production profile" >&2; exit 1; }
grep -q 'org.homefirst.workers.WorkerProcess' "$tmp/config.yml" || { echo "check-compose: workers do not run WorkerProcess" >&2; exit 1; }
[ "$(grep -c 'test:' "$tmp/config.yml")" -ge 3 ] || { echo "check-compose: healthchecks missing" >&2; exit 1; }
if grep -Eiq 'zeebe|camunda/|elasticsearch|opensearch' "$tmp/config.yml"; then
  echo "check-compose: Zeebe / Camunda 8 / Elasticsearch found:" >&2
  grep -Ein 'zeebe|camunda/|elasticsearch|opensearch' "$tmp/config.yml" >&2
  exit 1
fi

# 4. encryption in transit and no root
[ "$(grep -c 'HOMEFIRST_DB_URL: .*sslmode=verify-full' "$tmp/config.yml")" -ge 3 ] \
  || { echo "check-compose: not every application container connects to the database with sslmode=verify-full" >&2; exit 1; }
grep -q 'ssl=on' "$tmp/config.yml" || { echo "check-compose: postgres does not switch TLS on" >&2; exit 1; }
[ "$(grep -c 'HOMEFIRST_API_ISSUER: placeholder' "$tmp/config.yml")" -ge 3 ] \
  || { echo "check-compose: API clients' token issuer (HOMEFIRST_API_ISSUER) is not required everywhere" >&2; exit 1; }
user=$(grep -E '^USER ' Dockerfile | tail -1 | awk '{print $2}')
case "${user%%:*}" in
  ''|root|0) echo "check-compose: the Dockerfile's image runs as root (last USER: '${user:-none}')" >&2; exit 1 ;;
esac

# 3. fails closed without the secrets
if run --env-file "$tmp/empty.env" config -q >"$tmp/closed.log" 2>&1; then
  echo "check-compose: docker-compose accepted the file with no secrets set: it must fail closed" >&2
  exit 1
fi
grep -q 'HOMEFIRST_' "$tmp/closed.log" || { echo "check-compose: unexpected failure without secrets:" >&2; cat "$tmp/closed.log" >&2; exit 1; }

echo "check-compose: docker-compose.yml is valid ($("${compose[@]}" version --short 2>/dev/null || echo compose)):" \
  "services ${services% }; $required required settings fail closed when missing"
