-- Care commissioned by the ICB's CHC team (Fast Track care, CHC placement, NHS-funded nursing
-- care), one request per job, for the chc team to act on.
create table chc_commissioning (
    id               bigserial   primary key,
    job_key          bigint      not null unique,
    referral_id      uuid        not null,
    kind             text        not null,
    chc_outcome      text,
    care_home_choice text,
    borough          text,
    status           text        not null default 'REQUESTED',
    requested_at     timestamptz not null,
    constraint chc_commissioning_kind_check check (kind in ('fast-track-care', 'placement', 'fnc'))
);
create index chc_commissioning_referral on chc_commissioning (referral_id);
