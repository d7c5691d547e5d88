-- The patient's home postcode (normalised, e.g. 'IG1 1AA'; null for referrals made before it was
-- asked for) and, for Redbridge residents, the locality whose team takes community handoffs,
-- resolved from locality_postcode when the referral arrived.
alter table referral add column postcode text;
alter table referral add column locality text;
