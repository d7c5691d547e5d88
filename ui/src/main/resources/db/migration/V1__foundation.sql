-- Home First foundation schema.
-- Tables prefixed by the engine's concepts (process_*, user_task, incident, journey_event with
-- source ENGINE) are written by the Home First exporter running inside the Zeebe broker; the
-- application reads them and owns the rest (referral, task claims, audit).

create table referral (
    id                  uuid primary key,
    nhs_number          char(10)     not null,
    given_name          text         not null,
    family_name         text         not null,
    date_of_birth       date         not null,
    borough             text         not null,
    hospital            text         not null,
    ward                text         not null,
    admitted_at         timestamptz  not null,
    discharge_ready_at  timestamptz,
    status              text         not null default 'OPEN',
    process_instance_key bigint,
    created_at          timestamptz  not null,
    created_by          text         not null,
    closed_at           timestamptz,
    constraint referral_status_check check (status in ('OPEN', 'COMPLETED', 'CANCELLED'))
);
-- One open referral per patient: the database, not a read-then-write check, prevents duplicates.
create unique index referral_one_open_per_patient on referral (nhs_number) where status = 'OPEN';
create index referral_process_instance on referral (process_instance_key);

create table engine_export_position (
    partition_id int    primary key,
    position     bigint not null
);

create table process_definition (
    definition_key  bigint      primary key,
    bpmn_process_id text        not null,
    version         int         not null,
    resource_name   text,
    bpmn_xml        text        not null,
    deployed_at     timestamptz not null
);
create index process_definition_latest on process_definition (bpmn_process_id, version desc);

create table process_element (
    definition_key bigint not null references process_definition,
    element_id     text   not null,
    name           text,
    element_type   text   not null,
    primary key (definition_key, element_id)
);

create table process_instance (
    instance_key        bigint      primary key,
    root_instance_key   bigint      not null,
    parent_instance_key bigint,
    bpmn_process_id     text        not null,
    definition_key      bigint      not null,
    version             int,
    state               text        not null,
    started_at          timestamptz not null,
    ended_at            timestamptz
);
create index process_instance_root on process_instance (root_instance_key);

create table user_task (
    task_key             bigint      primary key,
    instance_key         bigint      not null,
    root_instance_key    bigint      not null,
    element_instance_key bigint      not null,
    element_id           text        not null,
    bpmn_process_id      text        not null,
    definition_key       bigint      not null,
    candidate_groups     text[]      not null default '{}',
    candidate_users      text[]      not null default '{}',
    form_key             text,
    due_at               timestamptz,
    follow_up_at         timestamptz,
    state                text        not null,
    created_at           timestamptz not null,
    ended_at             timestamptz,
    -- Claims are ours: the engine does not know who is working on a job-based user task.
    assignee             text,
    claimed_at           timestamptz,
    completed_by         text
);
create index user_task_open_by_due on user_task (due_at, task_key) where state = 'CREATED';
create index user_task_open_groups on user_task using gin (candidate_groups) where state = 'CREATED';
create index user_task_root on user_task (root_instance_key);
create index user_task_assignee on user_task (assignee) where state = 'CREATED';

create table incident (
    incident_key         bigint      primary key,
    instance_key         bigint      not null,
    root_instance_key    bigint      not null,
    element_id           text,
    element_instance_key bigint,
    job_key              bigint,
    error_type           text        not null,
    error_message        text,
    state                text        not null,
    created_at           timestamptz not null,
    resolved_at          timestamptz
);
create index incident_root on incident (root_instance_key);

create table process_variable (
    scope_key         bigint      not null,
    name              text        not null,
    instance_key      bigint      not null,
    root_instance_key bigint      not null,
    value             text        not null,
    updated_at        timestamptz not null,
    primary key (scope_key, name)
);
create index process_variable_root on process_variable (root_instance_key);

-- The journey: engine events (from the exporter) and people's actions (from the application).
create table journey_event (
    id                bigserial   primary key,
    root_instance_key bigint,
    referral_id       uuid,
    instance_key      bigint,
    occurred_at       timestamptz not null,
    source            text        not null,
    kind              text        not null,
    element_id        text,
    element_type      text,
    actor             text,
    detail            text,
    engine_position   bigint
);
create index journey_event_root on journey_event (root_instance_key, occurred_at);
create index journey_event_referral on journey_event (referral_id, occurred_at);

create table ward_notification (
    id             bigserial   primary key,
    referral_id    uuid        not null,
    job_key        bigint      not null unique,
    ward           text        not null,
    hospital       text        not null,
    message        text        not null,
    sent_at        timestamptz not null
);
