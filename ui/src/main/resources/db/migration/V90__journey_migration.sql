-- Designer workspace (issue 12): a run that moved running journeys of a model from one deployed
-- version to another, on a designer's request (nothing moves without one): who, when, from, to,
-- the counts, and each requested journey's outcome (moved, refused with the reason, or failed
-- with the engine's reason, its batch rolled back alone).

create table journey_migration (
    id                  bigserial   primary key,
    model_key           text        not null,
    from_definition_id  text        not null,
    from_version        int         not null,
    to_definition_id    text        not null,
    to_version          int         not null,
    by_user             text        not null,
    started_at          timestamptz not null,
    finished_at         timestamptz,
    batch_size          int         not null check (batch_size > 0),
    batches             int         not null default 0,
    moved               int         not null default 0,
    refused             int         not null default 0,
    failed              int         not null default 0
);

create index journey_migration_model on journey_migration (model_key, started_at desc);

create table journey_migration_outcome (
    migration_id         bigint      not null references journey_migration (id),
    process_instance_id  text        not null,
    referral_id          uuid,
    batch                int,
    outcome              text        not null check (outcome in ('moved', 'refused', 'failed')),
    reason               text,
    primary key (migration_id, process_instance_id)
);
