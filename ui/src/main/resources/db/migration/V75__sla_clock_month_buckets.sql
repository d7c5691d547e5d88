-- The 12-month trend read 105,000 rows of the monthly count at a million referrals (300 ms), most
-- of them hour buckets of clocks that run for weeks (reablement review, CHC, placements), where an
-- hour says nothing to the reader. Buckets now widen with the duration: an hour up to 2 days, 6
-- hours up to 20 days, a day beyond. Counts and share met stay exact; p50/p90 place each bucket's
-- clocks at its mean, so are within the bucket's width. `hours` is the bucket's first hour.
create function sla_duration_bucket(seconds double precision) returns int language sql immutable as $$
    select case when seconds < 48 * 3600 then floor(seconds / 3600)::int
                when seconds < 480 * 3600 then (floor(seconds / (6 * 3600)) * 6)::int
                else (floor(seconds / 86400) * 24)::int end
$$;

create or replace function sla_clock_month_add(c sla_clock, sign int) returns void language sql as $$
    insert into sla_clock_month as m (month, rule, team, borough, hospital, hours, clocks, met, breached, seconds)
    values (date_trunc('month', c.ended_at at time zone 'Europe/London')::date, c.rule, c.team, c.borough,
            c.hospital, sla_duration_bucket(extract(epoch from c.ended_at - c.started_at)), sign,
            sign * (c.ended_at <= c.due_at)::int,
            sign * (c.ended_at > c.due_at or c.breached_at is not null)::int,
            sign * extract(epoch from c.ended_at - c.started_at))
    on conflict on constraint sla_clock_month_key do update
        set clocks = m.clocks + excluded.clocks, met = m.met + excluded.met,
            breached = m.breached + excluded.breached, seconds = m.seconds + excluded.seconds
$$;

-- Counted again from the ended clocks (V74), into a fresh table: the old one is mostly dead rows
-- of its upserts, scattered.
truncate sla_clock_month;
insert into sla_clock_month (month, rule, team, borough, hospital, hours, clocks, met, breached, seconds)
select date_trunc('month', ended_at at time zone 'Europe/London')::date, rule, team, borough, hospital,
       sla_duration_bucket(seconds), count(*), count(*) filter (where met), count(*) filter (where breached),
       sum(seconds)
from sla_clock_outcome
group by 1, 2, 3, 4, 5, 6;
