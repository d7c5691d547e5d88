-- The audit log cannot be altered (issue 13): the application's role may add rows and read them,
-- nothing else; a trigger refuses any UPDATE, and any DELETE of a row still within its retention,
-- whoever asks (the owner too). Rows past their retention go only through purge_expired_audit(),
-- which runs as the owner and removes nothing younger than audit_retention.

revoke all on audit_event from "${app_role}";
grant select, insert on audit_event to "${app_role}";

-- How long an audit row is kept, from when it was written. One row; set by the owner at every start
-- from homefirst.retention.audit (afterMigrate__audit_retention.sql); the application only reads it.
create table audit_retention (
    only_row  boolean  primary key default true check (only_row),
    keep      interval not null,
    -- A slip of the pen (P8D for P8Y) must not empty the log.
    constraint audit_retention_at_least_a_year check (keep >= interval '1 year')
);
insert into audit_retention (keep) values (interval '8 years');
revoke all on audit_retention from "${app_role}";
grant select on audit_retention to "${app_role}";

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.occurred_at < now() - (select keep from audit_retention) then
        return old;
    end if;
    raise exception 'the audit log cannot be altered: % refused on audit_event', tg_op
        using errcode = 'insufficient_privilege';
end $$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_append_only();

create function audit_event_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log cannot be altered: TRUNCATE refused on audit_event'
        using errcode = 'insufficient_privilege';
end $$;
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_no_truncate();

-- The one way out for an audit row: past its retention, oldest first, at most `batch` per call.
-- Runs as its owner (security definer) with a fixed search path, so the caller's objects are not used.
create function purge_expired_audit(batch int) returns int
    language plpgsql security definer set search_path = pg_catalog, public as $$
declare
    removed int;
begin
    delete from public.audit_event
    where id in (select id from public.audit_event
                 where occurred_at < now() - (select keep from public.audit_retention)
                 order by occurred_at, id limit greatest(batch, 1));
    get diagnostics removed = row_count;
    return removed;
end $$;
revoke all on function purge_expired_audit(int) from public;
grant execute on function purge_expired_audit(int) to "${app_role}";
