-- Redbridge community handoffs go to one of four locality teams by postcode. The table maps a
-- postcode district ('IG1') or sector ('IG1 2') to a locality; the longest matching prefix wins.
-- Managers change the mapping in the application (audited). The seed below is ILLUSTRATIVE, drawn
-- roughly from the localities' areas; each locality must check it against its own boundaries.
create table locality (
    id    text primary key,
    name  text not null,
    team  text not null unique
);

insert into locality (id, name, team) values
    ('wanstead', 'Wanstead and Woodford', 'lbr-locality-wanstead'),
    ('fairlop', 'Fairlop', 'lbr-locality-fairlop'),
    ('seven-kings', 'Seven Kings', 'lbr-locality-seven-kings'),
    ('cranbrook-loxford', 'Cranbrook & Loxford', 'lbr-locality-cranbrook-loxford'),
    -- not a locality: where a Redbridge resident goes when the postcode is not in the table
    ('community-triage', 'Redbridge community triage', 'lbr-community-triage');

create table locality_postcode (
    prefix      text primary key,
    locality_id text        not null references locality (id),
    changed_by  text        not null,
    changed_at  timestamptz not null,
    constraint locality_postcode_prefix_check check (prefix ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?( [0-9])?$'),
    constraint locality_postcode_not_triage check (locality_id <> 'community-triage')
);

insert into locality_postcode (prefix, locality_id, changed_by, changed_at) values
    ('E11', 'wanstead', 'seed', now()),
    ('E18', 'wanstead', 'seed', now()),
    ('IG4', 'wanstead', 'seed', now()),
    ('IG8', 'wanstead', 'seed', now()),
    ('IG5', 'fairlop', 'seed', now()),
    ('IG6', 'fairlop', 'seed', now()),
    ('IG7', 'fairlop', 'seed', now()),
    ('IG9', 'fairlop', 'seed', now()),
    ('IG10', 'fairlop', 'seed', now()),
    ('IG3', 'seven-kings', 'seed', now()),
    ('RM6', 'seven-kings', 'seed', now()),
    ('IG1', 'cranbrook-loxford', 'seed', now()),
    ('IG2', 'cranbrook-loxford', 'seed', now()),
    ('IG11', 'cranbrook-loxford', 'seed', now()),
    -- sectors that lie in another locality than the rest of their district
    ('IG2 6', 'fairlop', 'seed', now()),
    ('IG2 7', 'seven-kings', 'seed', now()),
    ('IG1 4', 'seven-kings', 'seed', now());
