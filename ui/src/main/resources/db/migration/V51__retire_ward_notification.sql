-- The first, thin model (triage, then notify the ward) is retired: the full discharge journey
-- tells people through its notification workers, which record deliveries in `notification`.
drop table if exists ward_notification;
