-- Discovery SDK schema, version 2, MariaDB 10.8+ and MySQL 8: lifecycle of tracked signals, run
-- analytics and scheduling.
-- MariaDB commits each DDL statement at once, so this file is written to be re-run after any of
-- its statements failed: the new tables come first and are created only if missing, and the one
-- change to an existing table is a single statement, last.
-- Lifecycle events are kept per signal in insertion order (seq); leases serialize scheduled work
-- across processes.

CREATE TABLE IF NOT EXISTS discovery_lifecycle_event (
  seq         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant      VARCHAR(100) NOT NULL,
  source_id   VARCHAR(100) NOT NULL,
  external_id VARCHAR(512) NOT NULL,
  detected_at DATETIME(6) NOT NULL,
  run_id      VARCHAR(200) NULL,
  changes     MEDIUMTEXT NOT NULL,
  INDEX discovery_lifecycle_event_by_signal (tenant, source_id, external_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS discovery_lease (
  tenant     VARCHAR(100) NOT NULL,
  name       VARCHAR(200) NOT NULL,
  owner      VARCHAR(200) NOT NULL,
  held_until DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Opportunities remember what changed in their signal; existing rows get no changes. The indexes
-- serve the candidates of auto-archiving (earliest first) and the opportunities of one signal.
ALTER TABLE discovery_opportunity
  ADD COLUMN changes    TEXT NOT NULL DEFAULT ('[]'),
  ADD COLUMN changed_at DATETIME(6) NULL,
  ADD INDEX discovery_opportunity_occurs (tenant, occurs_at, id),
  ADD INDEX discovery_opportunity_signal (tenant, signal_key_sha);
