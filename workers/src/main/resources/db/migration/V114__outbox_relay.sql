-- The outbox relay (GOV.UK Notify) sends partner_outbox rows and the e-mail/SMS rows of
-- notification. Per row: relay attempts, the last error, Notify's id once sent, when to try again
-- after a failure, and how long a relay holds its claim (a lease, so no transaction stays open
-- while Notify is called). A row the relay gives up on becomes FAILED.
alter table partner_outbox add column attempts int not null default 0;
alter table partner_outbox add column last_error text;
alter table partner_outbox add column notify_id uuid;
alter table partner_outbox add column next_attempt_at timestamptz;
alter table partner_outbox add column claimed_until timestamptz;
alter table partner_outbox drop constraint partner_outbox_status_check;
alter table partner_outbox add constraint partner_outbox_status_check check (status in ('QUEUED', 'SENT', 'FAILED'));

alter table notification add column notify_id uuid;
alter table notification add column next_attempt_at timestamptz;
alter table notification add column claimed_until timestamptz;
create index notification_outbox_queued on notification (id)
    where status = 'QUEUED' and channel in ('email-outbox', 'sms-outbox');
