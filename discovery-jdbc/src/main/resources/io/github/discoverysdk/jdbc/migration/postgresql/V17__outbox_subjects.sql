-- Discovery SDK schema, version 17, PostgreSQL 12+: outbox entries about other things than
-- opportunities. An entry of a kind about an opportunity (alerts, pushes, escalations) keeps its
-- opportunity_id; an entry of another kind (a session export) names its subject instead, a type and
-- an id (('session_export', export id)). Exactly one of the two is set. Entries stay unique per
-- (tenant, sink, dedupe key). The file runs in one transaction.

ALTER TABLE discovery_outbox
  ALTER COLUMN opportunity_id DROP NOT NULL,
  ADD COLUMN subject_type VARCHAR(40) COLLATE "C",
  ADD COLUMN subject_id   VARCHAR(200) COLLATE "C";
