-- A call a partner's open circuit breaker refused without calling the partner is recorded too
-- (outcome 'circuit-open', no response status), so the journey shows why nothing was sent.
alter table partner_exchange drop constraint partner_exchange_outcome_check;
alter table partner_exchange add constraint partner_exchange_outcome_check
    check (outcome in ('ok', 'rejected', 'http-error', 'timeout', 'unreachable', 'bad-data', 'circuit-open'));
