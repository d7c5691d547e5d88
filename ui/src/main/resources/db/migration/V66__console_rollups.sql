-- What the console needs to stay fast with years of history (figures: README "Benchmark",
-- scripts/console-benchmark.sh on 1,000,000 generated referrals). The roll-ups the pages read
-- are their own: delay_census_tally (V63) for delayed days, sla_clock_month (V67) for long SLA
-- periods; these indexes serve the queries that still read raw rows.

-- Breach prediction: among ended clocks of a rule, those that ran longer than a given time, and
-- how many of them ended late: an index-only range scan on the duration instead of every clock.
create index sla_clock_rule_duration on sla_clock (rule, (ended_at - started_at))
    include (due_at, ended_at) where ended_at is not null;

-- Step heat over a period: the steps of one model that ended in it (step_duration_done leads
-- with the element, so a period across all elements of a model read the whole model's history).
create index step_duration_model_ended on step_duration (bpmn_process_id, ended_at)
    include (element_id, started_at) where ended_at is not null;

