-- Discovery SDK schema, version 8, MariaDB 10.8+ and MySQL 8: tracking observations.
-- One statement, so a failure leaves nothing half done.
-- discovery_tracking is the one table deliberately read across tenants: which profiles track
-- which accounts and signals, the input of anonymous counts over at least k tenants. It is written
-- only when the host opts in. One row per (subject, tenant, profile, UTC day), the first
-- observation of the day; the subject is keyed by the SHA-256 of its kind and key, since a key may
-- be of any length and the full key would exceed InnoDB's 3072-byte index limit, and the full key
-- is kept beside it. Read and pruned by time; a deleted profile's rows are found by (tenant,
-- profile). No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_tracking (
  subject_sha  CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  subject_kind VARCHAR(20) NOT NULL,
  subject_key  MEDIUMTEXT NOT NULL,
  tenant       VARCHAR(100) NOT NULL,
  profile_id   VARCHAR(100) NOT NULL,
  epoch_day    BIGINT NOT NULL,
  tracked_at   DATETIME(6) NOT NULL,
  industries   MEDIUMTEXT NOT NULL,
  PRIMARY KEY (subject_sha, tenant, profile_id, epoch_day),
  INDEX discovery_tracking_at (tracked_at),
  INDEX discovery_tracking_by_profile (tenant, profile_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
