-- The manager console (issue 11) measures from rows, not from JSON variables: each fact is
-- written as it happens (by the engine projection's listeners in the engine's transaction, or by
-- the service that records it), so the live picture and the returns read the same data.

-- Each change of the discharge ready date: set when a ward round finds the patient no longer
-- meets the criteria to reside, cleared (null) when they meet them again or are readmitted.
create table discharge_ready_change (
    id                 bigserial   primary key,
    referral_id        uuid        not null references referral,
    discharge_ready_at timestamptz,
    changed_at         timestamptz not null
);
create index discharge_ready_change_referral on discharge_ready_change (referral_id, changed_at, id);

-- Each discharge of a referral (a readmission can give a second), with the discharge ready date
-- in force when the patient left, the pathway, where they went and the place and age facts the
-- returns break down by (copied so a return never joins through data that changes later).
create table discharge (
    id                   bigserial   primary key,
    referral_id          uuid        not null references referral,
    discharged_at        timestamptz not null,
    discharge_ready_at   timestamptz,
    pathway              int,
    destination          text,
    out_of_hours         boolean,
    borough              text        not null,
    hospital             text        not null,
    age_at_discharge     int         not null,
    reablement           boolean     not null default false,
    still_at_home_day_91 boolean,
    constraint discharge_once unique (referral_id, discharged_at),
    constraint discharge_pathway_check check (pathway is null or pathway between 0 and 3)
);
create index discharge_at on discharge (discharged_at);
create index discharge_borough_at on discharge (borough, discharged_at);

create table readmission (
    id            bigserial   primary key,
    referral_id   uuid        not null references referral,
    readmitted_at timestamptz not null,
    discharge_id  bigint      references discharge,
    constraint readmission_once unique (referral_id, readmitted_at)
);
create index readmission_discharge on readmission (discharge_id);

-- Every activity instance of every journey with its start and end: the heatmap on the diagram,
-- time spent per step, and the historical durations behind the breach prediction.
create table step_duration (
    activity_instance_id text        primary key,
    root_instance_key    bigint      not null,
    instance_key         bigint      not null,
    bpmn_process_id      text        not null,
    definition_key       bigint      not null,
    element_id           text        not null,
    element_type         text        not null,
    started_at           timestamptz not null,
    ended_at             timestamptz
);
create index step_duration_root on step_duration (root_instance_key);
create index step_duration_open on step_duration (bpmn_process_id, element_id) where ended_at is null;
create index step_duration_done on step_duration (bpmn_process_id, element_id, ended_at) where ended_at is not null;

-- One row per SLA clock (a model's SLA timer), from when the clock started to when the work it
-- guards ended: met when that is at or before the due time. Breached when the timer fired.
-- Rule = the slaName of processes/README.md (triage, reablement-start, chc-decision, ...).
create table sla_clock (
    timer_key            bigint      primary key,
    referral_id          uuid        references referral,
    root_instance_key    bigint      not null,
    instance_key         bigint      not null,
    rule                 text        not null,
    timer_element_id     text        not null,
    attached_element_id  text,
    team                 text,
    borough              text,
    hospital             text,
    started_at           timestamptz not null,
    due_at               timestamptz not null,
    breached_at          timestamptz,
    ended_at             timestamptz
);
create index sla_clock_open on sla_clock (due_at) where ended_at is null;
create index sla_clock_rule_started on sla_clock (rule, started_at);
create index sla_clock_referral on sla_clock (referral_id);

-- CHC: each standard referral (positive checklist) or Fast Track, where the DST happened and
-- when the ICB decided.
create table chc_case (
    id            bigserial   primary key,
    referral_id   uuid        not null references referral,
    fast_track    boolean     not null,
    referred_at   timestamptz not null,
    dst_setting   text,
    dst_at        timestamptz,
    decided_at    timestamptz,
    outcome       text,
    borough       text        not null,
    constraint chc_case_dst_setting_check check (dst_setting is null or dst_setting in ('acute', 'community'))
);
create index chc_case_referred on chc_case (referred_at);
create index chc_case_referral on chc_case (referral_id);

-- The national delay reason group (DToC codes A-I) each local delay reason maps to. Data:
-- a locality adding a reason adds a row.
create table delay_reason_group (
    reason         text primary key,
    national_code  text not null,
    national_label text not null
);
insert into delay_reason_group (reason, national_code, national_label) values
    ('assessment',            'A',    'Completion of assessment'),
    ('public-funding',        'B',    'Public funding'),
    ('chc-assessment',        'A',    'Completion of assessment'),
    ('chc-funding',           'B',    'Public funding'),
    ('s117-funding',          'B',    'Public funding'),
    ('care-home-placement',   'D',    'Awaiting residential or nursing home placement'),
    ('package-of-care',       'E',    'Awaiting care package in own home'),
    ('equipment',             'F',    'Awaiting community equipment and adaptations'),
    ('patient-family-choice', 'G',    'Patient or family choice'),
    ('housing',               'I',    'Housing'),
    ('transport',             'C',    'Awaiting further non-acute NHS care'),
    ('tta',                   'C',    'Awaiting further non-acute NHS care');

-- The daily census: who was delayed at midnight (the end of census_date, Europe/London), with
-- the reason, attribution and setting in force then (null reason: delayed but none recorded
-- yet). Each row is one delayed day. Rebuilt for a day by the census job, idempotently.
create table delay_census (
    census_date      date   not null,
    referral_id      uuid   not null references referral,
    borough          text   not null,
    hospital         text   not null,
    provider         text   not null,
    pathway          int,
    reason           text,
    national_code    text,
    attribution      text,
    setting          text,
    days_since_ready int    not null,
    primary key (census_date, referral_id)
);
create index delay_census_borough on delay_census (borough, census_date);

-- Population estimates (adults 18+ by default) with validity dates: the denominator of the
-- per-100,000 rates is the one in force on each day. Managers edit them; audited.
create table population_estimate (
    id          bigserial   primary key,
    borough     text        not null,
    age_band    text        not null default '18+',
    population  int         not null check (population > 0),
    valid_from  date        not null,
    valid_to    date,
    source      text,
    changed_by  text        not null,
    changed_at  timestamptz not null,
    constraint population_estimate_dates check (valid_to is null or valid_to >= valid_from)
);
create index population_estimate_borough on population_estimate (borough, age_band, valid_from);
insert into population_estimate (borough, age_band, population, valid_from, valid_to, source, changed_by, changed_at) values
    ('lbh',  '18+', 198408, date '2017-04-01', date '2017-12-31', 'ONS mid-year estimate (docs/domain.md worked example)', 'system', now()),
    ('lbh',  '18+', 200246, date '2018-01-01', null,              'ONS mid-year estimate (docs/domain.md worked example)', 'system', now()),
    ('lbbd', '18+', 155000, date '2017-04-01', null,              'placeholder, not from a source: replace with the ONS estimate', 'system', now()),
    ('lbr',  '18+', 233000, date '2017-04-01', null,              'placeholder, not from a source: replace with the ONS estimate', 'system', now());

-- SLA targets a manager changed from the console (the clock variables of processes/README.md);
-- configuration gives the defaults. New journeys take the values in force when they start.
create table sla_target (
    clock       text        primary key,
    duration    text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null
);

-- Returns frozen and submitted: figures and their patient-level basis as computed then, who and
-- when. Never changed afterwards: a trigger refuses updates and deletes.
create table return_submission (
    id            bigserial   primary key,
    kind          text        not null,
    period_from   date        not null,
    period_to     date        not null,
    figures       jsonb       not null,
    basis         jsonb       not null,
    submitted_by  text        not null,
    submitted_at  timestamptz not null
);
create index return_submission_kind on return_submission (kind, period_from, submitted_at desc);

create function return_submission_frozen() returns trigger language plpgsql as $$
begin
    raise exception 'a submitted return is frozen: % refused on return_submission', tg_op;
end $$;
create trigger return_submission_frozen before update or delete on return_submission
    for each row execute function return_submission_frozen();
