-- Coordinator inbox (issue 5): indexes for filtered, paged queues; delays; comments live on the
-- journey; the audit log of every patient view and every action; the staff directory used to
-- assign work to colleagues.

-- Queue filters and search. Tasks join their referral by root instance (referral_process_instance).
create index referral_place on referral (borough, hospital, ward);
create index referral_ward on referral (ward);
create index referral_nhs_number on referral (nhs_number);
create index referral_family_name on referral (lower(family_name) text_pattern_ops);
create index referral_given_name on referral (lower(given_name) text_pattern_ops);
-- Task type filter and overdue filter keep the due-time order.
create index user_task_open_type_by_due on user_task (element_id, due_at, task_key) where state = 'CREATED';
create index user_task_open_assignee_by_due on user_task (assignee, due_at, task_key) where state = 'CREATED';

-- Delays: reason + attribution (NHS / social care / both) + setting (acute / non-acute).
create table delay (
    id            bigserial   primary key,
    referral_id   uuid        not null references referral,
    task_key      bigint,
    reason        text        not null,
    attribution   text        not null,
    setting       text        not null,
    note          text,
    recorded_by   text        not null,
    recorded_at   timestamptz not null,
    constraint delay_attribution_check check (attribution in ('nhs', 'social-care', 'both')),
    constraint delay_setting_check check (setting in ('acute', 'non-acute'))
);
create index delay_referral on delay (referral_id, recorded_at);
create index delay_recorded_at on delay (recorded_at);

-- Who did or saw what, when. Append-only; searched by admins and managers.
create table audit_event (
    id           bigserial   primary key,
    occurred_at  timestamptz not null,
    actor        text        not null,
    action       text        not null,
    referral_id  uuid,
    task_key     bigint,
    detail       text
);
create index audit_event_time on audit_event (occurred_at desc, id desc);
create index audit_event_actor on audit_event (actor, occurred_at desc);
create index audit_event_referral on audit_event (referral_id, occurred_at desc);
create index audit_event_action on audit_event (action, occurred_at desc);

-- Staff seen by the application (and their teams at last sign-in): whom a team lead can assign to.
create table staff_member (
    username   text        primary key,
    teams      text[]      not null default '{}',
    last_seen  timestamptz not null
);
create index staff_member_teams on staff_member using gin (teams);
