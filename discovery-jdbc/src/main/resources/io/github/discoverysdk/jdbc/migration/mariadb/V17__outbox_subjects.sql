-- Discovery SDK schema, version 17, MariaDB 10.8+: outbox entries about other things than
-- opportunities. An entry of a kind about an opportunity (alerts, pushes, escalations) keeps its
-- opportunity_id; an entry of another kind (a session export) names its subject instead, a type and
-- an id (('session_export', export id)). Exactly one of the two is set. Entries stay unique per
-- (tenant, sink, dedupe key). One statement, so an interruption leaves all or nothing; run again
-- after it took effect, it fails on the duplicate column, which the migrator counts as done.

ALTER TABLE discovery_outbox
  MODIFY opportunity_id VARCHAR(200) NULL,
  ADD COLUMN subject_type VARCHAR(40) NULL,
  ADD COLUMN subject_id VARCHAR(200) NULL;
