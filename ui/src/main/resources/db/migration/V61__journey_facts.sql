-- What the engine projection needs to keep the console's facts as they happen (V60).

-- A clock whose guarded work was cancelled (pathway changed, patient died or declined, journey
-- withdrawn) ended without the work being done: neither met nor breached by that end.
alter table sla_clock add column canceled boolean not null default false;
create index sla_clock_running on sla_clock (instance_key, attached_element_id) where ended_at is null;

-- The CHC process instance a case belongs to, so the DST and the decision land on their case.
alter table chc_case add column instance_key bigint;
create index chc_case_instance on chc_case (instance_key);
