-- Every call the workers make to a partner system (NELFT, councils, voluntary services), one row
-- per HTTP attempt, so retries, timeouts and refusals are visible on the patient's journey.
-- No patient identifiers beyond the referral id: the request summary names the operation only.
create table partner_exchange (
    id               bigserial   primary key,
    system           text        not null,
    operation        text        not null,
    idempotency_key  text,
    correlation_id   text        not null,
    referral_id      uuid,
    attempt          int         not null,
    request_summary  text        not null,
    response_status  int,
    outcome          text        not null,
    error            text,
    duration_ms      bigint      not null,
    at               timestamptz not null,
    constraint partner_exchange_outcome_check
        check (outcome in ('ok', 'rejected', 'http-error', 'timeout', 'unreachable', 'bad-data'))
);
create index partner_exchange_referral on partner_exchange (referral_id, at);
create index partner_exchange_key on partner_exchange (idempotency_key);
