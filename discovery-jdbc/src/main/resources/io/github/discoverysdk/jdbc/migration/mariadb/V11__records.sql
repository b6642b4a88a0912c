-- Discovery SDK schema, version 11, MariaDB 10.8+: tracking of a system of record.
-- Each statement creates one table with its indexes, IF NOT EXISTS, so a migration interrupted
-- after any statement resumes. Tenants, types, keys, rules and queues compare with NO PAD
-- (utf8mb4_nopad_bin, as V9 made every table): 'acme' and 'acme ' are two tenants.
-- discovery_record: each tracked record's last known state (JSON object of its state columns) and
-- queue, one row per (tenant, record type, key), versioned; queues are read by key within (tenant,
-- type, queue). discovery_record_conversion: declared transitions, unique per (tenant, type, key,
-- rule, change), read in insertion order. discovery_record_queue_change: every change of queue with
-- its reason. discovery_record_job: each record job's watermarks, last window and health.
-- No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_record (
  tenant            VARCHAR(100) NOT NULL,
  record_type       VARCHAR(100) NOT NULL,
  record_key        VARCHAR(200) NOT NULL,
  state             MEDIUMTEXT NOT NULL,
  queue             VARCHAR(100),
  owner             VARCHAR(200),
  score             DOUBLE NOT NULL,
  activity_at       DATETIME(6),
  queued_at         DATETIME(6),
  source_updated_at DATETIME(6) NOT NULL,
  first_seen_at     DATETIME(6) NOT NULL,
  changed_at        DATETIME(6) NOT NULL,
  version           BIGINT NOT NULL,
  PRIMARY KEY (tenant, record_type, record_key),
  INDEX discovery_record_by_queue (tenant, record_type, queue, record_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_record_conversion (
  seq              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant           VARCHAR(100) NOT NULL,
  record_type      VARCHAR(100) NOT NULL,
  record_key       VARCHAR(200) NOT NULL,
  rule             VARCHAR(100) NOT NULL,
  change_no        BIGINT NOT NULL,
  conversion_type  VARCHAR(100) NOT NULL,
  conversion_value DOUBLE NOT NULL,
  from_state       MEDIUMTEXT NOT NULL,
  to_state         MEDIUMTEXT NOT NULL,
  source_at        DATETIME(6) NOT NULL,
  detected_at      DATETIME(6) NOT NULL,
  UNIQUE KEY discovery_record_conversion_once (tenant, record_type, record_key, rule, change_no),
  INDEX discovery_record_conversion_by_seq (tenant, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_record_queue_change (
  seq         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant      VARCHAR(100) NOT NULL,
  record_type VARCHAR(100) NOT NULL,
  record_key  VARCHAR(200) NOT NULL,
  from_queue  VARCHAR(100),
  to_queue    VARCHAR(100),
  reason      VARCHAR(100) NOT NULL,
  changed_at  DATETIME(6) NOT NULL,
  INDEX discovery_record_queue_change_by_record (tenant, record_type, record_key, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS discovery_record_job (
  tenant        VARCHAR(100) NOT NULL,
  name          VARCHAR(100) NOT NULL,
  watermark_at  DATETIME(6),
  watermark_key VARCHAR(200),
  backfill_at   DATETIME(6),
  backfill_key  VARCHAR(200),
  last_window   BIGINT NOT NULL,
  health        MEDIUMTEXT NOT NULL,
  version       BIGINT NOT NULL,
  PRIMARY KEY (tenant, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
