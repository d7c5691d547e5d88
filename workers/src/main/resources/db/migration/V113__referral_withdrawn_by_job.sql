-- The job that withdrew a partner referral (homefirst.journey.cancel-service-requests): a retried
-- job counts what it already withdrew instead of asking the partner again.
alter table partner_referral add column withdrawn_by_job bigint;
create index partner_referral_withdrawn_by_job on partner_referral (withdrawn_by_job);
