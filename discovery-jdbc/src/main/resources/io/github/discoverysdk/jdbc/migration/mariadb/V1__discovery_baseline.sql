-- Discovery SDK schema, version 1, MariaDB 10.8+ and MySQL 8 (InnoDB, utf8mb4).
-- Every table carries the tenant and every statement of the SDK is scoped by it.
-- utf8mb4_bin makes ids compare by code point, the order keyset paging relies on.
-- MariaDB has no TIMESTAMP WITH TIME ZONE: instants are DATETIME(6) in UTC, converted by the SDK.
-- The natural key of an opportunity is indexed through signal_key_sha (SHA-256 of the signal key)
-- because the full key would exceed InnoDB's 3072-byte index limit in utf8mb4.

CREATE TABLE discovery_profile (
  tenant         VARCHAR(100) NOT NULL,
  id             VARCHAR(100) NOT NULL,
  owner          TEXT NOT NULL,
  name           VARCHAR(200) NOT NULL,
  enabled        BOOLEAN NOT NULL,
  frequency      VARCHAR(32) NOT NULL,
  min_confidence DOUBLE NOT NULL,
  criteria       MEDIUMTEXT NOT NULL,
  alerts         TEXT NOT NULL,
  created_at     DATETIME(6) NULL,
  updated_at     DATETIME(6) NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE discovery_signal (
  tenant        VARCHAR(100) NOT NULL,
  source_id     VARCHAR(100) NOT NULL,
  external_id   VARCHAR(512) NOT NULL,
  signal_type   VARCHAR(32) NOT NULL,
  title         TEXT NOT NULL,
  body          MEDIUMTEXT NOT NULL,
  url           TEXT NULL,
  published_at  DATETIME(6) NOT NULL,
  observed_at   DATETIME(6) NOT NULL,
  event         TEXT NULL,
  organizations MEDIUMTEXT NOT NULL,
  people        MEDIUMTEXT NOT NULL,
  industries    TEXT NOT NULL,
  regions       TEXT NOT NULL,
  content_hash  VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant, source_id, external_id),
  INDEX discovery_signal_published (tenant, published_at DESC, source_id, external_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE discovery_opportunity (
  tenant         VARCHAR(100) NOT NULL,
  id             VARCHAR(200) NOT NULL,
  profile_id     VARCHAR(100) NOT NULL,
  source_id      VARCHAR(100) NOT NULL,
  external_id    VARCHAR(512) NOT NULL,
  signal_key_sha CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  signal_type    VARCHAR(32) NOT NULL,
  title          TEXT NOT NULL,
  url            TEXT NULL,
  company        TEXT NULL,
  published_at   DATETIME(6) NOT NULL,
  occurs_at      DATETIME(6) NOT NULL,
  status         VARCHAR(32) NOT NULL,
  score_total    DOUBLE NOT NULL,
  strength       VARCHAR(32) NOT NULL,
  score          MEDIUMTEXT NOT NULL,
  matches        MEDIUMTEXT NOT NULL,
  temporal       TEXT NOT NULL,
  signal_hash    VARCHAR(200) NOT NULL,
  created_at     DATETIME(6) NOT NULL,
  updated_at     DATETIME(6) NOT NULL,
  last_seen_at   DATETIME(6) NOT NULL,
  version        BIGINT NOT NULL,
  sort_score     BIGINT NOT NULL,
  sort_published BIGINT NOT NULL,
  sort_urgency   BIGINT NOT NULL,
  sort_outreach  BIGINT NOT NULL,
  PRIMARY KEY (tenant, id),
  UNIQUE KEY discovery_opportunity_natural_key (tenant, profile_id, signal_key_sha),
  INDEX discovery_opportunity_relevance (tenant, sort_score, sort_published, id),
  INDEX discovery_opportunity_date (tenant, sort_published, sort_score, id),
  INDEX discovery_opportunity_urgency (tenant, sort_urgency, sort_outreach, id),
  INDEX discovery_opportunity_profile_relevance (tenant, profile_id, sort_score, sort_published, id),
  INDEX discovery_opportunity_profile_date (tenant, profile_id, sort_published, sort_score, id),
  INDEX discovery_opportunity_profile_urgency (tenant, profile_id, sort_urgency, sort_outreach, id),
  CONSTRAINT discovery_opportunity_profile FOREIGN KEY (tenant, profile_id)
    REFERENCES discovery_profile (tenant, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE discovery_feedback (
  seq            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant         VARCHAR(100) NOT NULL,
  opportunity_id VARCHAR(200) NOT NULL,
  feedback_type  VARCHAR(32) NOT NULL,
  dismiss_reason VARCHAR(64) NULL,
  amount         VARCHAR(100) NULL,
  actor          TEXT NULL,
  note           TEXT NULL,
  given_at       DATETIME(6) NULL,
  INDEX discovery_feedback_by_opportunity (tenant, opportunity_id, seq),
  CONSTRAINT discovery_feedback_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE discovery_run (
  tenant      VARCHAR(100) NOT NULL,
  run_id      VARCHAR(200) NOT NULL,
  started_at  DATETIME(6) NOT NULL,
  finished_at DATETIME(6) NOT NULL,
  status      VARCHAR(32) NOT NULL,
  report      MEDIUMTEXT NOT NULL,
  PRIMARY KEY (tenant, run_id),
  INDEX discovery_run_started (tenant, started_at, run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE discovery_watermark (
  tenant       VARCHAR(100) NOT NULL,
  source_id    VARCHAR(100) NOT NULL,
  query_key    VARCHAR(400) NOT NULL,
  cursor_value TEXT NOT NULL,
  updated_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant, source_id, query_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
