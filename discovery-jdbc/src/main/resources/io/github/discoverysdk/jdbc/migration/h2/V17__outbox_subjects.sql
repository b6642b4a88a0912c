-- Discovery SDK schema, version 17, H2 2.x: outbox entries about other things than opportunities.
-- An entry of a kind about an opportunity (alerts, pushes, escalations) keeps its opportunity_id;
-- an entry of another kind (a session export) names its subject instead, a type and an id
-- (('session_export', export id)). Exactly one of the two is set. Entries stay unique per (tenant,
-- sink, dedupe key). Each statement may run again after an interruption.

ALTER TABLE discovery_outbox ALTER COLUMN opportunity_id SET NULL;

ALTER TABLE discovery_outbox ADD COLUMN IF NOT EXISTS subject_type VARCHAR(40);

ALTER TABLE discovery_outbox ADD COLUMN IF NOT EXISTS subject_id VARCHAR(200);
