-- The SLA page of the manager console reads clocks by when they ended or breached, not by when
-- they started (V60's rule_started index, which the breach prediction uses for its history).
-- With a million historic journeys a month's clocks must come from an index, and the measures
-- (counts, share met, p50/p90) from the index alone: the included columns are all they read.
create index sla_clock_ended on sla_clock (ended_at)
    include (rule, started_at, due_at, breached_at, team, borough, hospital) where ended_at is not null;
-- Breaches in a period (the breach list, breaches per step on the diagram).
create index sla_clock_breached on sla_clock (breached_at) where breached_at is not null;
