-- Test only: the ui module owns this table (ui/.../V50__hospital_requests.sql); a copy for the workers tests.
-- Requests to the acute trust's own services (pharmacy TTA, transport, equipment), one per job.
create table hospital_request (
    id           bigserial   primary key,
    job_key      bigint      not null unique,
    referral_id  uuid        not null,
    kind         text        not null,
    description  text        not null,
    ward         text,
    requested_at timestamptz not null
);
create index hospital_request_referral on hospital_request (referral_id);
