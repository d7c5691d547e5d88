-- Designer workspace (issue 12): drafts of BPMN and DMN models, each tied to the deployed version
-- it started from, with every saved revision kept (who, when, the whole XML).

create table model_draft (
    id                  uuid        primary key,
    model_key           text        not null,
    kind                text        not null check (kind in ('bpmn', 'dmn')),
    resource_name       text        not null,
    -- the engine's definition id and version the draft started from; a deployment of the model
    -- since then is a conflict the designer resolves, never overwritten silently
    base_definition_id  text        not null,
    base_version        int         not null,
    xml                 text        not null,
    revision            int         not null,
    state               text        not null default 'draft'
                                    check (state in ('draft', 'in-review', 'approved', 'published')),
    created_by          text        not null,
    created_at          timestamptz not null,
    updated_by          text        not null,
    updated_at          timestamptz not null
);

create index model_draft_model on model_draft (model_key, updated_at desc);

create table model_draft_revision (
    draft_id   uuid        not null references model_draft (id),
    revision   int         not null,
    saved_by   text        not null,
    saved_at   timestamptz not null,
    xml        text        not null,
    primary key (draft_id, revision)
);
