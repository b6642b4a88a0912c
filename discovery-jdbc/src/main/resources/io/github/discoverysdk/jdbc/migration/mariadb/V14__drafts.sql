-- Discovery SDK schema, version 14, MariaDB 10.8+: playbook matches and outreach drafts of cards
-- (#15). Each statement is a CREATE TABLE IF NOT EXISTS with its indexes, so the file can be re-run
-- after a failure. Keys compare with NO PAD (see V9). A card's match is keyed by (tenant,
-- opportunity_id), its reasons a JSON array. Drafts are versioned per (tenant, opportunity_id,
-- channel): one row per version, never updated; citations a JSON array. No change to existing
-- tables.

CREATE TABLE IF NOT EXISTS discovery_playbook_match (
  tenant         VARCHAR(100) NOT NULL,
  opportunity_id VARCHAR(200) NOT NULL,
  playbook_id    VARCHAR(100) NOT NULL,
  playbook_name  VARCHAR(200) NOT NULL,
  reasons        MEDIUMTEXT NOT NULL,
  matched_at     DATETIME(6) NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, opportunity_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_draft (
  tenant          VARCHAR(100) NOT NULL,
  opportunity_id  VARCHAR(200) NOT NULL,
  channel         VARCHAR(10) NOT NULL,
  version         BIGINT NOT NULL,
  body            MEDIUMTEXT NOT NULL,
  generator       VARCHAR(100) NOT NULL,
  fallback_reason TEXT NULL,
  citations       MEDIUMTEXT NOT NULL,
  created_by      VARCHAR(200) NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant, opportunity_id, channel, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
