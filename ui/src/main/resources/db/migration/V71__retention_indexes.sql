-- The retention purge (issue 13) removes a journey's rows by referral or by its engine root: these
-- tables had no index to find them by, so each purge would read them whole.
create index delay_census_referral on delay_census (referral_id);
create index journey_clock_root on journey_clock (root_instance_key);
create index sla_clock_root on sla_clock (root_instance_key);
