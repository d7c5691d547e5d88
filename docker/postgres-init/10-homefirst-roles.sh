#!/bin/bash
# Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d): the two
# roles of README "Audit and retention" and Home First's database, owned by the owner role. Neither
# role is a superuser; the application's role can never change the audit log.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner="$HOMEFIRST_DB_OWNER" -v owner_password="$HOMEFIRST_DB_OWNER_PASSWORD" \
  -v app="$HOMEFIRST_DB_USER" -v app_password="$HOMEFIRST_DB_PASSWORD" -v db="$HOMEFIRST_DB_NAME" <<'SQL'
create role :"owner" login password :'owner_password';
create role :"app" login password :'app_password';
create database :"db" owner :"owner";
\connect :"db"
-- The engine creates and upgrades its own tables (ACT_*) at start, as the application.
grant usage, create on schema public to :"app";
SQL
