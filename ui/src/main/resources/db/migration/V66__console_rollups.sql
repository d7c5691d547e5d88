-- What the console needs to stay fast with years of history (figures: README "Benchmark",
-- scripts/console-benchmark.sh on 1,000,000 generated referrals). Measured without these, the
-- month trends had to aggregate every clock and census row of a year on each page view: about a
-- million rows per query at that size. The roll-ups below are kept by statement-level triggers
-- in the same transaction as the facts (a bulk COPY pays once per statement, an engine command
-- once per clock), so they are never stale and nobody has to schedule a refresh.

-- Clocks that ended, counted per rule, London month of the end, team, borough and hospital:
-- share met, breaches and mean duration for the monthly trends without touching sla_clock.
-- Percentiles over a chosen period still come from sla_clock itself (V62's sla_clock_ended).
create table sla_clock_month (
    rule           text    not null,
    month          date    not null,
    team           text    not null default '',
    borough        text    not null default '',
    hospital       text    not null default '',
    clocks         bigint  not null,
    met            bigint  not null,
    breached       bigint  not null,
    total_seconds  double precision not null,
    primary key (rule, month, team, borough, hospital)
);

create function sla_clock_month_apply() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        insert into sla_clock_month as m (rule, month, team, borough, hospital, clocks, met, breached, total_seconds)
        select rule, date_trunc('month', ended_at at time zone 'Europe/London')::date, coalesce(team, ''),
               coalesce(borough, ''), coalesce(hospital, ''), -count(*),
               -count(*) filter (where ended_at <= due_at), -count(*) filter (where ended_at > due_at),
               -sum(extract(epoch from ended_at - started_at))
        from old_clocks where ended_at is not null
        group by 1, 2, 3, 4, 5
        order by 1, 2, 3, 4, 5
        on conflict (rule, month, team, borough, hospital) do update set
            clocks = m.clocks + excluded.clocks, met = m.met + excluded.met,
            breached = m.breached + excluded.breached, total_seconds = m.total_seconds + excluded.total_seconds;
        -- a clock that moved to another month leaves no empty row behind
        delete from sla_clock_month where clocks = 0 and rule in (select rule from old_clocks);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into sla_clock_month as m (rule, month, team, borough, hospital, clocks, met, breached, total_seconds)
        select rule, date_trunc('month', ended_at at time zone 'Europe/London')::date, coalesce(team, ''),
               coalesce(borough, ''), coalesce(hospital, ''), count(*),
               count(*) filter (where ended_at <= due_at), count(*) filter (where ended_at > due_at),
               sum(extract(epoch from ended_at - started_at))
        from new_clocks where ended_at is not null
        group by 1, 2, 3, 4, 5
        order by 1, 2, 3, 4, 5
        on conflict (rule, month, team, borough, hospital) do update set
            clocks = m.clocks + excluded.clocks, met = m.met + excluded.met,
            breached = m.breached + excluded.breached, total_seconds = m.total_seconds + excluded.total_seconds;
    end if;
    return null;
end $$;

create trigger sla_clock_month_insert after insert on sla_clock
    referencing new table as new_clocks for each statement execute function sla_clock_month_apply();
create trigger sla_clock_month_update after update on sla_clock
    referencing old table as old_clocks new table as new_clocks for each statement execute function sla_clock_month_apply();
create trigger sla_clock_month_delete after delete on sla_clock
    referencing old table as old_clocks for each statement execute function sla_clock_month_apply();

insert into sla_clock_month (rule, month, team, borough, hospital, clocks, met, breached, total_seconds)
select rule, date_trunc('month', ended_at at time zone 'Europe/London')::date, coalesce(team, ''),
       coalesce(borough, ''), coalesce(hospital, ''), count(*),
       count(*) filter (where ended_at <= due_at), count(*) filter (where ended_at > due_at),
       sum(extract(epoch from ended_at - started_at))
from sla_clock where ended_at is not null
group by 1, 2, 3, 4, 5;

-- Step heat over a period (SlaPerformance, DiagramHeat): the steps of one model that ended in it.
-- step_duration_done leads with the element, so a period across all elements of a model read the
-- model's whole history.
create index step_duration_model_ended on step_duration (bpmn_process_id, ended_at)
    include (element_id, started_at) where ended_at is not null;

-- Delayed days per day and everything the delay measures break down by: the census per
-- patient-day summed. Months, per-100,000 rates (denominator in force each day) and reason
-- mixes read a few hundred rows a day instead of every delayed patient-day.
create table delay_census_day (
    census_date    date   not null,
    borough        text   not null,
    hospital       text   not null,
    provider       text   not null,
    pathway        int    not null default -1,
    reason         text   not null default '',
    national_code  text   not null default '',
    attribution    text   not null default '',
    setting        text   not null default '',
    delayed_days   bigint not null,
    primary key (census_date, borough, hospital, provider, pathway, reason, national_code, attribution, setting)
);

create function delay_census_day_apply() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        insert into delay_census_day as d (census_date, borough, hospital, provider, pathway, reason, national_code,
                                          attribution, setting, delayed_days)
        select census_date, borough, hospital, provider, coalesce(pathway, -1), coalesce(reason, ''),
               coalesce(national_code, ''), coalesce(attribution, ''), coalesce(setting, ''), -count(*)
        from old_rows group by 1, 2, 3, 4, 5, 6, 7, 8, 9 order by 1, 2, 3, 4, 5, 6, 7, 8, 9
        on conflict (census_date, borough, hospital, provider, pathway, reason, national_code, attribution, setting)
        do update set delayed_days = d.delayed_days + excluded.delayed_days;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into delay_census_day as d (census_date, borough, hospital, provider, pathway, reason, national_code,
                                          attribution, setting, delayed_days)
        select census_date, borough, hospital, provider, coalesce(pathway, -1), coalesce(reason, ''),
               coalesce(national_code, ''), coalesce(attribution, ''), coalesce(setting, ''), count(*)
        from new_rows group by 1, 2, 3, 4, 5, 6, 7, 8, 9 order by 1, 2, 3, 4, 5, 6, 7, 8, 9
        on conflict (census_date, borough, hospital, provider, pathway, reason, national_code, attribution, setting)
        do update set delayed_days = d.delayed_days + excluded.delayed_days;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        -- a day rebuilt with fewer combinations leaves no empty rows behind
        delete from delay_census_day where delayed_days = 0 and census_date in (select census_date from old_rows);
    end if;
    return null;
end $$;

create trigger delay_census_day_insert after insert on delay_census
    referencing new table as new_rows for each statement execute function delay_census_day_apply();
create trigger delay_census_day_update after update on delay_census
    referencing old table as old_rows new table as new_rows for each statement execute function delay_census_day_apply();
create trigger delay_census_day_delete after delete on delay_census
    referencing old table as old_rows for each statement execute function delay_census_day_apply();

insert into delay_census_day (census_date, borough, hospital, provider, pathway, reason, national_code, attribution,
                              setting, delayed_days)
select census_date, borough, hospital, provider, coalesce(pathway, -1), coalesce(reason, ''),
       coalesce(national_code, ''), coalesce(attribution, ''), coalesce(setting, ''), count(*)
from delay_census group by 1, 2, 3, 4, 5, 6, 7, 8, 9;
