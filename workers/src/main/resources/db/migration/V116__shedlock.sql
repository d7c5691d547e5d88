-- ShedLock's table: the scheduled polls (NELFT and council decisions, the Notify outbox relay) run
-- on one application node at a time (docs/adr/0001-open-engine.md §8).
create table shedlock (
  name       varchar(64)  not null primary key,
  lock_until timestamp    not null,
  locked_at  timestamp    not null,
  locked_by  varchar(255) not null
);
