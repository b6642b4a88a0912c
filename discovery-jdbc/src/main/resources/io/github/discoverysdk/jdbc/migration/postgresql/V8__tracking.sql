-- Discovery SDK schema, version 8, PostgreSQL 12+: tracking observations.
-- discovery_tracking is the one table deliberately read across tenants: which profiles track
-- which accounts and signals, the input of anonymous counts over at least k tenants. It is written
-- only when the host opts in. One row per (subject, tenant, profile, UTC day), the first
-- observation of the day; the subject is keyed by the SHA-256 of its kind and key, since a key may
-- be of any length, and the full key is kept beside it. Read and pruned by time; a deleted
-- profile's rows are found by (tenant, profile). No change to existing tables.

CREATE TABLE discovery_tracking (
  subject_sha  CHAR(64) NOT NULL,
  subject_kind VARCHAR(20) NOT NULL,
  subject_key  TEXT COLLATE "C" NOT NULL,
  tenant       VARCHAR(100) COLLATE "C" NOT NULL,
  profile_id   VARCHAR(100) COLLATE "C" NOT NULL,
  epoch_day    BIGINT NOT NULL,
  tracked_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  industries   TEXT NOT NULL,
  PRIMARY KEY (subject_sha, tenant, profile_id, epoch_day)
);
CREATE INDEX discovery_tracking_at ON discovery_tracking (tracked_at);
CREATE INDEX discovery_tracking_by_profile ON discovery_tracking (tenant, profile_id);
