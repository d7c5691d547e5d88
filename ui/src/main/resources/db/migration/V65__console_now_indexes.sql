-- The heatmap on the diagram counts breaches per step over the last 90 days: without this index
-- it would read every clock ever kept.
create index sla_clock_breached_step on sla_clock (attached_element_id, started_at) where breached_at is not null;
