-- The SLA page's 30-day figures read the clocks ended in the period. In sla_clock those rows sit
-- where each clock started, weeks apart, so a month's 60,000 clocks (at a million referrals) cost
-- 25,000 scattered page reads and a second. This table holds one narrow row per counted ended
-- clock, written when the clock ends, so a period's rows lie together in the order they ended and
-- the figures stay exact (p50/p90 from every clock, not hour buckets). A trigger keeps it in the
-- same transaction as the sla_clock row, whoever writes it; it counts what V68 counts: a clock
-- stopped because its work was cancelled only if it had already breached.
create table sla_clock_outcome (
    timer_key bigint           not null,
    ended_at  timestamptz      not null,
    rule      text             not null,
    team      text,
    borough   text,
    hospital  text,
    seconds   double precision not null, -- how long the clock ran
    met       boolean          not null, -- ended by its due time
    breached  boolean          not null  -- ended after it, or breached before being stopped
);

create function sla_clock_outcome_keep() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        delete from sla_clock_outcome where timer_key = old.timer_key;
    end if;
    if tg_op <> 'DELETE' and new.ended_at is not null and (not new.canceled or new.breached_at is not null) then
        insert into sla_clock_outcome (timer_key, ended_at, rule, team, borough, hospital, seconds, met, breached)
        values (new.timer_key, new.ended_at, new.rule, new.team, new.borough, new.hospital,
                extract(epoch from new.ended_at - new.started_at), new.ended_at <= new.due_at,
                new.ended_at > new.due_at or new.breached_at is not null);
    end if;
    return null;
end
$$;

create trigger sla_clock_outcome_insert_delete after insert or delete on sla_clock
    for each row execute function sla_clock_outcome_keep();
create trigger sla_clock_outcome_update after update on sla_clock
    for each row when ((old.ended_at, old.started_at, old.due_at, old.breached_at, old.canceled, old.rule, old.team,
                        old.borough, old.hospital) is distinct from (new.ended_at, new.started_at, new.due_at,
                        new.breached_at, new.canceled, new.rule, new.team, new.borough, new.hospital)
                       and (old.ended_at is not null or new.ended_at is not null))
    execute function sla_clock_outcome_keep();

insert into sla_clock_outcome (timer_key, ended_at, rule, team, borough, hospital, seconds, met, breached)
select timer_key, ended_at, rule, team, borough, hospital, extract(epoch from ended_at - started_at),
       ended_at <= due_at, ended_at > due_at or breached_at is not null
from sla_clock where ended_at is not null and (not canceled or breached_at is not null)
order by ended_at;

create unique index sla_clock_outcome_timer on sla_clock_outcome (timer_key);
create index sla_clock_outcome_ended on sla_clock_outcome (ended_at);


-- The heatmap of a model reads the same way: its steps' daily count (V73) for the period from an
-- index alone, and the breaches of its clocks by timer (each SLA timer id belongs to one model,
-- SlaTimersTest) without visiting the clocks or the instances. The two indexes replace narrower
-- ones on the same keys, which the breach list keeps using.
create index step_duration_day_model on step_duration_day (bpmn_process_id, day)
    include (element_id, hours, steps, seconds);
drop index sla_clock_breached;
create index sla_clock_breached on sla_clock (breached_at) include (timer_element_id, attached_element_id)
    where breached_at is not null;
drop index sla_clock_ended_late;
create index sla_clock_ended_late on sla_clock (ended_at) include (timer_element_id, attached_element_id, breached_at)
    where ended_at > due_at;
