-- When a partner's decision on a referral was handed to the engine: published as message
-- homefirst.partner-decided (or thrown as homefirst.rejected when the partner refused the request
-- in its answer to it). A decision recorded but not yet delivered (the engine was unreachable) is
-- delivered by the next run of the decision pollers, so none is lost.
alter table partner_referral add column decision_delivered_at timestamptz;

-- Decisions made before this migration were delivered by the job that waited for them.
update partner_referral set decision_delivered_at = updated_at where status <> 'requested';

-- The pollers' two questions: which referrals still wait for a decision, which decisions wait to be delivered.
create index partner_referral_open on partner_referral (system) where status = 'requested';
create index partner_referral_undelivered on partner_referral (system)
    where status <> 'requested' and decision_delivered_at is null and withdrawn_by_job is null;
