-- Signed council callbacks seen within their replay window: a second delivery of the same signed
-- request is refused. A row is only needed while its timestamp is still accepted (expires_at);
-- CouncilCallbacks removes expired rows as callbacks arrive. No patient data: borough and signature.
create table council_callback_nonce (
    borough     text        not null,
    signature   text        not null,
    expires_at  timestamptz not null,
    primary key (borough, signature)
);
create index council_callback_nonce_expiry on council_callback_nonce (expires_at);

-- A partner answer larger than we read (PartnerHttp's limit) is recorded as such, never stored.
alter table partner_exchange drop constraint partner_exchange_outcome_check;
alter table partner_exchange add constraint partner_exchange_outcome_check
    check (outcome in ('ok', 'rejected', 'http-error', 'timeout', 'unreachable', 'bad-data', 'circuit-open',
                       'too-large'));

-- Partners' answers are no longer kept (status, a short code and the correlation id only). Rows
-- written before quoted the body of a refusal after its status, or a parser's message that may
-- quote the answer: keep what we wrote, drop what they sent.
update partner_exchange set error = 'HTTP ' || response_status
    where outcome = 'http-error' and response_status is not null and error like 'HTTP %: %';
update partner_exchange set error = regexp_replace(error, '(HTTP [0-9]{3}) .*$', '\1 (answer not kept)')
    where outcome = 'bad-data' and error ~ 'HTTP [0-9]{3} ';
update partner_exchange set error = regexp_replace(error, '(is not JSON|in FHIR R4): .*$', '\1 (answer not kept)')
    where outcome = 'bad-data' and error ~ '(is not JSON|in FHIR R4): ';
