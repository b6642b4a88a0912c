-- Discovery SDK schema, version 14, H2 2.x: playbook matches and outreach drafts of cards (#15).
-- A card's match is keyed by (tenant, opportunity_id), its reasons a JSON array. Drafts are
-- versioned per (tenant, opportunity_id, channel): one row per version, never updated; citations
-- a JSON array. No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_playbook_match (
  tenant         VARCHAR(100) NOT NULL,
  opportunity_id VARCHAR(200) NOT NULL,
  playbook_id    VARCHAR(100) NOT NULL,
  playbook_name  VARCHAR(200) NOT NULL,
  reasons        CHARACTER VARYING NOT NULL,
  matched_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, opportunity_id)
);

CREATE TABLE IF NOT EXISTS discovery_draft (
  tenant          VARCHAR(100) NOT NULL,
  opportunity_id  VARCHAR(200) NOT NULL,
  channel         VARCHAR(10) NOT NULL,
  version         BIGINT NOT NULL,
  body            CHARACTER VARYING NOT NULL,
  generator       VARCHAR(100) NOT NULL,
  fallback_reason CHARACTER VARYING,
  citations       CHARACTER VARYING NOT NULL,
  created_by      VARCHAR(200) NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, opportunity_id, channel, version)
);
