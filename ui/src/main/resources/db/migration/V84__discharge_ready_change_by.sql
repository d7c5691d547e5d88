-- Who and what changed the discharge ready date, for its history on the journey page: the person or
-- API client whose command changed it (null: the workflow on its own, or history loaded in bulk)
-- and the model's step that changed it (null: given with the referral when the journey started).
alter table discharge_ready_change
    add column changed_by text,
    add column changed_in text;
