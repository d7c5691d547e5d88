-- A clock stopped because the work it guarded was cancelled (pathway changed, patient died or
-- declined, journey ended) says nothing about how fast the team worked: it counts in the SLA
-- figures only if it had already breached. The monthly count (V67) follows the same rule.
create or replace function sla_clock_month_count() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' and old.ended_at is not null and (not old.canceled or old.breached_at is not null) then
        perform sla_clock_month_add(old, -1);
    end if;
    if tg_op <> 'DELETE' and new.ended_at is not null and (not new.canceled or new.breached_at is not null) then
        perform sla_clock_month_add(new, 1);
    end if;
    return null;
end
$$;

drop trigger sla_clock_month_update on sla_clock;
create trigger sla_clock_month_update after update on sla_clock
    for each row when ((old.ended_at, old.started_at, old.due_at, old.breached_at, old.canceled, old.rule, old.team,
                        old.borough, old.hospital) is distinct from (new.ended_at, new.started_at, new.due_at,
                        new.breached_at, new.canceled, new.rule, new.team, new.borough, new.hospital)
                       and (old.ended_at is not null or new.ended_at is not null))
    execute function sla_clock_month_count();

-- Counted again from the clocks, cancelled ones left out.
delete from sla_clock_month;
insert into sla_clock_month (month, rule, team, borough, hospital, hours, clocks, met, breached, seconds)
select date_trunc('month', ended_at at time zone 'Europe/London')::date, rule, team, borough, hospital,
       floor(extract(epoch from ended_at - started_at) / 3600)::int, count(*),
       count(*) filter (where ended_at <= due_at),
       count(*) filter (where ended_at > due_at or breached_at is not null),
       sum(extract(epoch from ended_at - started_at))
from sla_clock where ended_at is not null and (not canceled or breached_at is not null)
group by 1, 2, 3, 4, 5, 6;
