-- Discovery SDK schema, version 5, MariaDB 10.8+ and MySQL 8: the outbox of alerts and pushes.
-- One statement, so a failure leaves nothing half done. An entry is unique per (tenant, sink,
-- dedupe key), decided on the SHA-256 of sink and key; due entries are read by status and time.

CREATE TABLE IF NOT EXISTS discovery_outbox (
  tenant          VARCHAR(100) NOT NULL,
  id              VARCHAR(200) NOT NULL,
  sink_id         VARCHAR(200) NOT NULL,
  kind            VARCHAR(20) NOT NULL,
  opportunity_id  VARCHAR(200) NOT NULL,
  dedupe_sha      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  dedupe_key      MEDIUMTEXT NOT NULL,
  status          VARCHAR(20) NOT NULL,
  attempts        INT NOT NULL,
  next_attempt_at DATETIME(6) NOT NULL,
  last_error      MEDIUMTEXT NULL,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  version         BIGINT NOT NULL,
  PRIMARY KEY (tenant, id),
  UNIQUE KEY discovery_outbox_dedupe (tenant, dedupe_sha),
  INDEX discovery_outbox_due (tenant, status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
