-- The delays page of the manager console (issue 11) reads the daily census of V60 through these.

-- Which census dates were taken, when, and how many patients were delayed: a day with nobody
-- delayed is a zero, not a gap, and a restarted node knows from which date to catch up.
create table delay_census_taken (
    census_date date        primary key,
    taken_at    timestamptz not null,
    patients    int         not null
);

-- Delayed days per census date by the dimensions the page breaks them down by: the census rows
-- rolled up in the same transaction that writes them. With 1,000,000 historic referrals the
-- census holds millions of patient-days (a year of them is ~1M rows), and the page groups a
-- period of them six ways; a day here is a few dozen rows, so a year is tens of thousands. Daily,
-- not monthly: the per-100,000 rate divides each day by the population estimate in force that
-- day, and an estimate can change mid-month. Patient lists (drill-down) still read the census.
create table delay_census_tally (
    census_date   date not null,
    borough       text not null,
    provider      text not null,
    reason        text,
    national_code text,
    attribution   text,
    setting       text,
    days          int  not null
);
create index delay_census_tally_date on delay_census_tally (census_date);

-- The census of a day looks only at referrals still open at its midnight (closed_at null or
-- later): without this, every census day reads every historic referral.
create index referral_closed_at on referral (closed_at);
