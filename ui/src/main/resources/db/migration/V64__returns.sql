-- Returns (issue 11): what part of the caseload a frozen return covers, and the indexes its
-- measures read by.

-- The scope (borough, hospital, pathway; absent = all) is part of what was submitted, so it is kept
-- beside the period. Adding a column is not an UPDATE: the frozen-row trigger does not fire.
alter table return_submission add column scope jsonb not null default '{}';

-- CHC: standard referrals completed in a period and Fast Tracks decided in it are found by the
-- decision time, DSTs by when they happened; without these both were full scans of chc_case.
create index chc_case_decided on chc_case (decided_at);
create index chc_case_dst on chc_case (dst_at);
-- Incomplete referrals at a period end: the undecided ones, by when they were referred.
create index chc_case_undecided on chc_case (referred_at) where decided_at is null;
