-- Hospital requests cancelled when the patient declines support; the job that cancelled them
-- makes a retried job find its own work instead of cancelling again.
alter table hospital_request add column cancelled_at timestamptz;
alter table hospital_request add column cancelled_by_job bigint;
create index hospital_request_cancelled_by_job on hospital_request (cancelled_by_job);
