-- Discovery SDK schema, version 15, MariaDB 10.8+: discovery sessions (issue #17). Each statement is
-- a CREATE TABLE IF NOT EXISTS with its indexes, so the file can be re-run after a failure. Keys
-- compare with NO PAD (see V9). A session is keyed by (tenant, id) and listed per (account, owner)
-- newest first through discovery_session_account; its responses are keyed by question, the answer a
-- JSON object. Notes and exports are keyed per tenant and session. No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_session (
  tenant       VARCHAR(100) NOT NULL,
  id           VARCHAR(100) NOT NULL,
  account_id   VARCHAR(100) NOT NULL,
  account_name VARCHAR(200) NOT NULL,
  owner        VARCHAR(200) NOT NULL,
  team         VARCHAR(100) NULL,
  vertical     VARCHAR(100) NOT NULL,
  status       VARCHAR(20) NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  updated_at   DATETIME(6) NOT NULL,
  completed_at DATETIME(6) NULL,
  version      BIGINT NOT NULL,
  PRIMARY KEY (tenant, id),
  INDEX discovery_session_account (tenant, account_id, owner, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_session_response (
  tenant      VARCHAR(100) NOT NULL,
  session_id  VARCHAR(100) NOT NULL,
  question_id VARCHAR(100) NOT NULL,
  answer      MEDIUMTEXT NOT NULL,
  answered_by VARCHAR(200) NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  version     BIGINT NOT NULL,
  PRIMARY KEY (tenant, session_id, question_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_session_note (
  tenant      VARCHAR(100) NOT NULL,
  session_id  VARCHAR(100) NOT NULL,
  id          VARCHAR(100) NOT NULL,
  note_type   VARCHAR(20) NOT NULL,
  body        MEDIUMTEXT NOT NULL,
  question_id VARCHAR(100) NULL,
  author      VARCHAR(200) NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  version     BIGINT NOT NULL,
  PRIMARY KEY (tenant, session_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_session_export (
  tenant               VARCHAR(100) NOT NULL,
  id                   VARCHAR(100) NOT NULL,
  session_id           VARCHAR(100) NOT NULL,
  format               VARCHAR(20) NOT NULL,
  status               VARCHAR(20) NOT NULL,
  error                MEDIUMTEXT NULL,
  created_at           DATETIME(6) NOT NULL,
  exported_at          DATETIME(6) NULL,
  salesforce_record_id VARCHAR(100) NULL,
  version              BIGINT NOT NULL,
  PRIMARY KEY (tenant, id),
  INDEX discovery_session_export_session (tenant, session_id, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- The sessions whose incumbents were applied to a discovery profile, for evidence citations.
CREATE TABLE IF NOT EXISTS discovery_session_profile (
  tenant     VARCHAR(100) NOT NULL,
  profile_id VARCHAR(100) NOT NULL,
  session_id VARCHAR(100) NOT NULL,
  PRIMARY KEY (tenant, profile_id, session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
