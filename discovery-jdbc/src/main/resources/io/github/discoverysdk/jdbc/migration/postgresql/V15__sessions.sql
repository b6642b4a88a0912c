-- Discovery SDK schema, version 15, PostgreSQL 12+: discovery sessions (issue #17). A session is
-- keyed by (tenant, id) and listed per (account, owner) newest first through
-- discovery_session_account; its responses are keyed by question, the answer a JSON object. Notes
-- and exports are keyed per tenant and session; keys compare byte-wise (COLLATE "C"). No change to
-- existing tables.

CREATE TABLE IF NOT EXISTS discovery_session (
  tenant       VARCHAR(100) COLLATE "C" NOT NULL,
  id           VARCHAR(100) COLLATE "C" NOT NULL,
  account_id   VARCHAR(100) COLLATE "C" NOT NULL,
  account_name VARCHAR(200) NOT NULL,
  owner        VARCHAR(200) COLLATE "C" NOT NULL,
  team         VARCHAR(100) COLLATE "C",
  vertical     VARCHAR(100) NOT NULL,
  status       VARCHAR(20) NOT NULL,
  created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  completed_at TIMESTAMP(6) WITH TIME ZONE,
  version      BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX IF NOT EXISTS discovery_session_account
  ON discovery_session (tenant, account_id, owner, created_at, id);

CREATE TABLE IF NOT EXISTS discovery_session_response (
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  session_id  VARCHAR(100) COLLATE "C" NOT NULL,
  question_id VARCHAR(100) COLLATE "C" NOT NULL,
  answer      TEXT NOT NULL,
  answered_by VARCHAR(200) NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version     BIGINT NOT NULL,
  PRIMARY KEY (tenant, session_id, question_id)
);

CREATE TABLE IF NOT EXISTS discovery_session_note (
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  session_id  VARCHAR(100) COLLATE "C" NOT NULL,
  id          VARCHAR(100) COLLATE "C" NOT NULL,
  note_type   VARCHAR(20) NOT NULL,
  body        TEXT NOT NULL,
  question_id VARCHAR(100) COLLATE "C",
  author      VARCHAR(200) NOT NULL,
  created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version     BIGINT NOT NULL,
  PRIMARY KEY (tenant, session_id, id)
);

CREATE TABLE IF NOT EXISTS discovery_session_export (
  tenant               VARCHAR(100) COLLATE "C" NOT NULL,
  id                   VARCHAR(100) COLLATE "C" NOT NULL,
  session_id           VARCHAR(100) COLLATE "C" NOT NULL,
  format               VARCHAR(20) NOT NULL,
  status               VARCHAR(20) NOT NULL,
  error                TEXT,
  created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  exported_at          TIMESTAMP(6) WITH TIME ZONE,
  salesforce_record_id VARCHAR(100),
  version              BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX IF NOT EXISTS discovery_session_export_session
  ON discovery_session_export (tenant, session_id, created_at, id);

-- The sessions whose incumbents were applied to a discovery profile, for evidence citations.
CREATE TABLE IF NOT EXISTS discovery_session_profile (
  tenant     VARCHAR(100) COLLATE "C" NOT NULL,
  profile_id VARCHAR(100) COLLATE "C" NOT NULL,
  session_id VARCHAR(100) COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant, profile_id, session_id)
);
