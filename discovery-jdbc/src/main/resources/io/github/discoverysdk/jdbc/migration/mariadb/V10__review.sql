-- Discovery SDK schema, version 10, MariaDB 10.8+: the audit log, monitored accounts and review
-- cards. Each statement is a CREATE TABLE IF NOT EXISTS with its indexes and foreign keys, so the
-- file can be re-run after a failure, statement by statement. Keys compare with NO PAD (see V9).
-- discovery_audit is append-only: the SDK only inserts into it and reads it (revoke UPDATE and
-- DELETE on it from the engine's user to enforce that; MariaDB has no cheap refusing trigger that
-- a host would not trip over). seq is generated, increasing, and pages every read: by entity, by
-- actor and by time, each through its own index. An account's company keys (its normalized name
-- and companies) are rows of discovery_account_company, keyed by their SHA-256 (a key may be of any
-- length), so that a batch of companies finds its accounts in one indexed query. A review card
-- goes with its opportunity (deleting a profile deletes its cards); queued_at (submitted, else
-- created) orders the inbox. A card's scope is its account's owner and team, joined at query
-- time. No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_audit (
  seq         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant      VARCHAR(100) NOT NULL,
  actor       VARCHAR(200) NOT NULL,
  entity_type VARCHAR(40) NOT NULL,
  entity_id   VARCHAR(400) NOT NULL,
  action      VARCHAR(20) NOT NULL,
  changes     MEDIUMTEXT NOT NULL,
  reason      TEXT NULL,
  occurred_at DATETIME(6) NOT NULL,
  ip          VARCHAR(64) NULL,
  user_agent  TEXT NULL,
  request_id  VARCHAR(200) NULL,
  INDEX discovery_audit_by_entity (tenant, entity_type, entity_id, seq),
  INDEX discovery_audit_by_actor (tenant, actor, seq),
  INDEX discovery_audit_by_time (tenant, occurred_at, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_account (
  tenant     VARCHAR(100) NOT NULL,
  id         VARCHAR(100) NOT NULL,
  name       VARCHAR(200) NOT NULL,
  domains    MEDIUMTEXT NOT NULL,
  owner      VARCHAR(200) NOT NULL,
  team       VARCHAR(100) NULL,
  manager    VARCHAR(200) NULL,
  tier       VARCHAR(40) NOT NULL,
  crm_ids    MEDIUMTEXT NOT NULL,
  companies  MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (tenant, id),
  INDEX discovery_account_by_owner (tenant, owner, id),
  INDEX discovery_account_by_team (tenant, team, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_account_company (
  tenant      VARCHAR(100) NOT NULL,
  key_sha     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  account_id  VARCHAR(100) NOT NULL,
  company_key MEDIUMTEXT NOT NULL,
  PRIMARY KEY (tenant, key_sha, account_id),
  INDEX discovery_account_company_by_account (tenant, account_id),
  CONSTRAINT discovery_account_company_account FOREIGN KEY (tenant, account_id)
    REFERENCES discovery_account (tenant, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_review_card (
  tenant         VARCHAR(100) NOT NULL,
  opportunity_id VARCHAR(200) NOT NULL,
  account_id     VARCHAR(100) NULL,
  state          VARCHAR(20) NOT NULL,
  narrative      TEXT NULL,
  score_override DOUBLE NULL,
  score_reason   TEXT NULL,
  notes          MEDIUMTEXT NOT NULL,
  created_at     DATETIME(6) NOT NULL,
  updated_at     DATETIME(6) NOT NULL,
  submitted_at   DATETIME(6) NULL,
  decided_at     DATETIME(6) NULL,
  decided_by     VARCHAR(200) NULL,
  escalated_at   DATETIME(6) NULL,
  queued_at      DATETIME(6) NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, opportunity_id),
  INDEX discovery_review_card_queue (tenant, state, queued_at, opportunity_id),
  INDEX discovery_review_card_by_account (tenant, account_id, state, queued_at, opportunity_id),
  INDEX discovery_review_card_decided (tenant, decided_at),
  CONSTRAINT discovery_review_card_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
