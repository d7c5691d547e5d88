-- The referral a partner system holds for one of our jobs. The idempotency key
-- (homefirst-job-<jobKey>) is unique: a retried job finds its row and never asks again.
create table partner_referral (
    id               bigserial   primary key,
    system           text        not null,
    operation        text        not null,
    idempotency_key  text        not null,
    job_key          bigint      not null,
    referral_id      uuid        not null,
    downstream_id    text        not null,
    status           text        not null,
    status_reason    text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    constraint partner_referral_key unique (idempotency_key),
    constraint partner_referral_status_check
        check (status in ('requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled'))
);
create index partner_referral_referral on partner_referral (referral_id);
create unique index partner_referral_downstream on partner_referral (system, downstream_id);
