-- Discovery SDK schema, version 2, PostgreSQL 12+: lifecycle of tracked signals, run analytics
-- and scheduling.
-- Opportunities remember what changed in their signal; existing rows get no changes.
-- Lifecycle events are kept per signal in insertion order (seq); leases serialize scheduled work
-- across processes.

ALTER TABLE discovery_opportunity
  ADD COLUMN changes    TEXT NOT NULL DEFAULT '[]',
  ADD COLUMN changed_at TIMESTAMP(6) WITH TIME ZONE;

-- Candidates of auto-archiving, earliest first.
CREATE INDEX discovery_opportunity_occurs
  ON discovery_opportunity (tenant, occurs_at, id);
-- The opportunities of one signal across profiles.
CREATE INDEX discovery_opportunity_signal
  ON discovery_opportunity (tenant, signal_key_sha);

CREATE TABLE discovery_lifecycle_event (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  source_id   VARCHAR(100) COLLATE "C" NOT NULL,
  external_id VARCHAR(512) COLLATE "C" NOT NULL,
  detected_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  run_id      VARCHAR(200) COLLATE "C",
  changes     TEXT NOT NULL
);
CREATE INDEX discovery_lifecycle_event_by_signal
  ON discovery_lifecycle_event (tenant, source_id, external_id, seq);

CREATE TABLE discovery_lease (
  tenant     VARCHAR(100) COLLATE "C" NOT NULL,
  name       VARCHAR(200) COLLATE "C" NOT NULL,
  owner      VARCHAR(200) COLLATE "C" NOT NULL,
  held_until TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, name)
);
