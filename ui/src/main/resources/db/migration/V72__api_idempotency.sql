-- Idempotency-Key of the intake API's writes (issue 13, item 9): a request retried with the same
-- key acts once. The row is written in the transaction of the action it stands for, so the action
-- and its key commit together; a retry finds the row and gets the stored answer again. Only the
-- answer's status, Location and short body (a referral id) are kept: no patient data.
create table api_idempotency_key (
    caller        text        not null,
    idempotency_key text      not null,
    -- SHA-256 of method, path and body: the same key with another request is refused (422)
    request_hash  text        not null,
    status        int         not null,
    location      text,
    body          text,
    referral_id   uuid,
    created_at    timestamptz not null,
    primary key (caller, idempotency_key)
);
create index api_idempotency_key_created on api_idempotency_key (created_at);
