-- Notifications sent by the workers (GP documents, named contact / carer, services involved).
-- One row per job and recipient: a retried job finds its row and never notifies anyone twice.
create table notification (
    id             bigserial   primary key,
    job_key        bigint      not null,
    referral_id    uuid        not null,
    recipient      text        not null,
    kind           text        not null,
    channel        text        not null,
    status         text        not null,
    response_code  int,
    attempts       int         not null default 0,
    message        text,
    last_error     text,
    created_at     timestamptz not null,
    sent_at        timestamptz,
    constraint notification_job_recipient unique (job_key, recipient),
    constraint notification_status_check check (status in ('PENDING', 'SENT', 'QUEUED', 'RECORDED', 'FAILED'))
);
create index notification_referral on notification (referral_id);
