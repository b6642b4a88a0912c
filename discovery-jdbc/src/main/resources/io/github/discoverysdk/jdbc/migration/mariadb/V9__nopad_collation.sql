-- Discovery SDK schema, version 9, MariaDB 10.2+ (not MySQL): tenants and keys compare with NO PAD.
-- utf8mb4_bin is a PAD SPACE collation: 'acme' = 'acme ' is true, so a tenant or id with trailing
-- spaces read and overwrote the rows of its near-duplicate. utf8mb4_nopad_bin compares every code
-- point, trailing spaces included, and orders as utf8mb4_bin does otherwise (keyset paging keeps its
-- order). Every table is converted; the SHA-256 key columns stay ascii_bin (hex, never padded).
-- MariaDB refuses to change the collation of a column in a foreign key, even with
-- foreign_key_checks off, so the four foreign keys are dropped first and added back last.
-- Each statement stands alone and may run again (DROP FOREIGN KEY IF EXISTS, FOREIGN KEY IF NOT
-- EXISTS, a CONVERT already done changes nothing), so an interrupted migration resumes statement
-- by statement. Converting copies each table; on a large
-- database run it while no engine writes.

ALTER TABLE discovery_team_share DROP FOREIGN KEY IF EXISTS discovery_team_share_team;

ALTER TABLE discovery_team_share DROP FOREIGN KEY IF EXISTS discovery_team_share_opportunity;

ALTER TABLE discovery_feedback DROP FOREIGN KEY IF EXISTS discovery_feedback_opportunity;

ALTER TABLE discovery_opportunity DROP FOREIGN KEY IF EXISTS discovery_opportunity_profile;

ALTER TABLE discovery_profile CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_signal CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_opportunity CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY signal_key_sha CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;

ALTER TABLE discovery_feedback CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_run CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_watermark CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_lifecycle_event CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_lease CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_query_cache CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY cursor_sha CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;

ALTER TABLE discovery_cost_ledger CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_outbox CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY dedupe_sha CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;

ALTER TABLE discovery_team CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_team_share CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_model_state CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

ALTER TABLE discovery_tracking CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
  MODIFY subject_sha CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;

ALTER TABLE discovery_opportunity ADD CONSTRAINT discovery_opportunity_profile
  FOREIGN KEY IF NOT EXISTS (tenant, profile_id) REFERENCES discovery_profile (tenant, id) ON DELETE CASCADE;

ALTER TABLE discovery_feedback ADD CONSTRAINT discovery_feedback_opportunity
  FOREIGN KEY IF NOT EXISTS (tenant, opportunity_id) REFERENCES discovery_opportunity (tenant, id)
  ON DELETE CASCADE;

ALTER TABLE discovery_team_share ADD CONSTRAINT discovery_team_share_team
  FOREIGN KEY IF NOT EXISTS (tenant, team_id) REFERENCES discovery_team (tenant, id);

ALTER TABLE discovery_team_share ADD CONSTRAINT discovery_team_share_opportunity
  FOREIGN KEY IF NOT EXISTS (tenant, opportunity_id) REFERENCES discovery_opportunity (tenant, id)
  ON DELETE CASCADE;
