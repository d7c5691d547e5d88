-- Running clocks of each journey (the models' timer events: SLA boundaries, day-91 check, ...),
-- kept by the exporter from the engine's timer records, so the journey page can show every
-- clock that is running, with its due time, not only those of open tasks.
create table journey_clock (
    timer_key            bigint primary key,
    root_instance_key    bigint      not null,
    instance_key         bigint      not null,
    element_instance_key bigint,
    element_id           text        not null,
    due_at               timestamptz not null,
    state                text        not null check (state in ('RUNNING', 'TRIGGERED', 'CANCELED')),
    created_at           timestamptz not null,
    ended_at             timestamptz
);
create index journey_clock_running on journey_clock (root_instance_key) where state = 'RUNNING';
