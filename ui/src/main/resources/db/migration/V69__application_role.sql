-- Two roles (issue 13): these migrations run as the schema's owner; the application connects as
-- ${app_role} (spring.datasource.username), which reads and writes the tables but cannot change
-- what must not change: the audit log (V70), Flyway's history, the database's shape.

do $$
begin
    if '${app_role}' = current_user then
        raise exception 'the application connects as % and would own the audit log: run the migrations as'
            ' another role (spring.flyway.user, README "Audit and retention")', current_user;
    end if;
end $$;

-- usage for the tables; create because the engine makes and upgrades its own tables (ACT_*) and
-- its id sequence at start, as the application.
grant usage, create on schema public to "${app_role}";

grant select, insert, update, delete on all tables in schema public to "${app_role}";
grant usage, select, update on all sequences in schema public to "${app_role}";
-- Tables the later migrations create (those of the workers module too) are granted the same.
alter default privileges in schema public grant select, insert, update, delete on tables to "${app_role}";
alter default privileges in schema public grant usage, select, update on sequences to "${app_role}";

-- ANALYZE after the demo history's bulk load (PostgreSQL 17 and later; older servers skip it).
do $$
begin
    if current_setting('server_version_num')::int >= 170000 then
        execute 'grant maintain on all tables in schema public to "${app_role}"';
        execute 'alter default privileges in schema public grant maintain on tables to "${app_role}"';
    end if;
end $$;

revoke insert, update, delete on flyway_schema_history from "${app_role}";
