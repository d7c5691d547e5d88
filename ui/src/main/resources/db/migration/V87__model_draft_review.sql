-- Designer workspace (issue 12): the review of a draft, step by step (who, when): submitted for
-- review, approved by a second designer, approved for publishing by a manager, sent back, deployed.
-- Approvals count from the latest submission on.

create table model_draft_review (
    id         bigserial   primary key,
    draft_id   uuid        not null references model_draft (id),
    step       text        not null check (step in ('submitted', 'design-approved', 'publishing-approved',
                                                    'sent-back', 'deployed')),
    by_user    text        not null,
    at         timestamptz not null,
    note       text
);

create index model_draft_review_draft on model_draft_review (draft_id, id);

alter table model_draft add column deployed_definition_id text;
alter table model_draft add column version_tag text;
