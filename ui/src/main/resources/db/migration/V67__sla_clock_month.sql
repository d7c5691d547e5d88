-- The SLA page's long periods (a year's figures, the 12-month trend) must not read every clock of
-- the year: with a million journeys that is over a million rows to sort for p50/p90 (2-5 s). They
-- read this count instead: the clocks ended per rule, team, borough, hospital, London month and
-- whole hour of duration, with how many were met and breached and their durations summed (the
-- bucket's mean, which the percentiles place its clocks at). A trigger keeps it in the same
-- transaction as the sla_clock row, whoever writes it, so it never disagrees with the clocks.
create table sla_clock_month (
    month     date             not null, -- first day of the London month the clock ended in
    rule      text             not null,
    team      text,
    borough   text,
    hospital  text,
    hours     int              not null, -- whole hours the clock ran, rounded down
    clocks    int              not null,
    met       int              not null,
    breached  int              not null,
    seconds   double precision not null,
    constraint sla_clock_month_key unique nulls not distinct (month, rule, team, borough, hospital, hours)
);

-- One ended clock counted in (sign 1) or out of (sign -1) its bucket.
create function sla_clock_month_add(c sla_clock, sign int) returns void language sql as $$
    insert into sla_clock_month as m (month, rule, team, borough, hospital, hours, clocks, met, breached, seconds)
    values (date_trunc('month', c.ended_at at time zone 'Europe/London')::date, c.rule, c.team, c.borough,
            c.hospital, floor(extract(epoch from c.ended_at - c.started_at) / 3600)::int, sign,
            sign * (c.ended_at <= c.due_at)::int,
            sign * (c.ended_at > c.due_at or c.breached_at is not null)::int,
            sign * extract(epoch from c.ended_at - c.started_at))
    on conflict on constraint sla_clock_month_key do update
        set clocks = m.clocks + excluded.clocks, met = m.met + excluded.met,
            breached = m.breached + excluded.breached, seconds = m.seconds + excluded.seconds
$$;

create function sla_clock_month_count() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' and old.ended_at is not null then
        perform sla_clock_month_add(old, -1);
    end if;
    if tg_op <> 'DELETE' and new.ended_at is not null then
        perform sla_clock_month_add(new, 1);
    end if;
    return null;
end
$$;

create trigger sla_clock_month_insert_delete after insert or delete on sla_clock
    for each row execute function sla_clock_month_count();
create trigger sla_clock_month_update after update on sla_clock
    for each row when ((old.ended_at, old.started_at, old.due_at, old.breached_at, old.rule, old.team, old.borough,
                        old.hospital) is distinct from (new.ended_at, new.started_at, new.due_at, new.breached_at,
                        new.rule, new.team, new.borough, new.hospital)
                       and (old.ended_at is not null or new.ended_at is not null))
    execute function sla_clock_month_count();

insert into sla_clock_month (month, rule, team, borough, hospital, hours, clocks, met, breached, seconds)
select date_trunc('month', ended_at at time zone 'Europe/London')::date, rule, team, borough, hospital,
       floor(extract(epoch from ended_at - started_at) / 3600)::int, count(*),
       count(*) filter (where ended_at <= due_at),
       count(*) filter (where ended_at > due_at or breached_at is not null),
       sum(extract(epoch from ended_at - started_at))
from sla_clock where ended_at is not null
group by 1, 2, 3, 4, 5, 6;

-- The prediction finds where each open clock's journey waits now: its open steps only.
create index step_duration_open_root on step_duration (root_instance_key, started_at) where ended_at is null;
-- And where each of its past clocks' journeys was: one index probe per journey and step.
create index step_duration_root_element on step_duration (root_instance_key, element_id)
    include (started_at, ended_at);
drop index step_duration_root;
