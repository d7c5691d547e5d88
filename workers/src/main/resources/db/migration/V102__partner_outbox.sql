-- Referrals sent the e-mail way when a partner's API stays unavailable (voluntary services'
-- fallback), one per job's idempotency key, for the mail relay to send and mark SENT.
create table partner_outbox (
    id               bigserial   primary key,
    system           text        not null,
    idempotency_key  text        not null,
    referral_id      uuid        not null,
    recipient        text        not null,
    subject          text        not null,
    body             text        not null,
    status           text        not null default 'QUEUED',
    created_at       timestamptz not null,
    sent_at          timestamptz,
    constraint partner_outbox_key unique (idempotency_key),
    constraint partner_outbox_status_check check (status in ('QUEUED', 'SENT'))
);
create index partner_outbox_status on partner_outbox (status, created_at);
