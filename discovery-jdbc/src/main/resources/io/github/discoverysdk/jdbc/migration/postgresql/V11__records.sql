-- Discovery SDK schema, version 11, PostgreSQL 12+: tracking of a system of record.
-- discovery_record: each tracked record's last known state (JSON object of its state columns) and
-- queue, one row per (tenant, record type, key), versioned; queues are read by key within (tenant,
-- type, queue). discovery_record_conversion: declared transitions, unique per (tenant, type, key,
-- rule, change), read in insertion order. discovery_record_queue_change: every change of queue with
-- its reason. discovery_record_job: each record job's watermarks, last window and health.
-- No change to existing tables.

CREATE TABLE discovery_record (
  tenant            VARCHAR(100) COLLATE "C" NOT NULL,
  record_type       VARCHAR(100) COLLATE "C" NOT NULL,
  record_key        VARCHAR(200) COLLATE "C" NOT NULL,
  state             TEXT NOT NULL,
  queue             VARCHAR(100) COLLATE "C",
  owner             VARCHAR(200) COLLATE "C",
  score             DOUBLE PRECISION NOT NULL,
  activity_at       TIMESTAMP(6) WITH TIME ZONE,
  queued_at         TIMESTAMP(6) WITH TIME ZONE,
  source_updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  first_seen_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  changed_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version           BIGINT NOT NULL,
  PRIMARY KEY (tenant, record_type, record_key)
);
CREATE INDEX discovery_record_by_queue ON discovery_record (tenant, record_type, queue, record_key);

CREATE TABLE discovery_record_conversion (
  seq              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant           VARCHAR(100) COLLATE "C" NOT NULL,
  record_type      VARCHAR(100) COLLATE "C" NOT NULL,
  record_key       VARCHAR(200) COLLATE "C" NOT NULL,
  rule             VARCHAR(100) COLLATE "C" NOT NULL,
  change_no        BIGINT NOT NULL,
  conversion_type  VARCHAR(100) COLLATE "C" NOT NULL,
  conversion_value DOUBLE PRECISION NOT NULL,
  from_state       TEXT NOT NULL,
  to_state         TEXT NOT NULL,
  source_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  detected_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT discovery_record_conversion_once UNIQUE (tenant, record_type, record_key, rule, change_no)
);
CREATE INDEX discovery_record_conversion_by_seq ON discovery_record_conversion (tenant, seq);

CREATE TABLE discovery_record_queue_change (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  record_type VARCHAR(100) COLLATE "C" NOT NULL,
  record_key  VARCHAR(200) COLLATE "C" NOT NULL,
  from_queue  VARCHAR(100) COLLATE "C",
  to_queue    VARCHAR(100) COLLATE "C",
  reason      VARCHAR(100) COLLATE "C" NOT NULL,
  changed_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX discovery_record_queue_change_by_record
  ON discovery_record_queue_change (tenant, record_type, record_key, seq);

CREATE TABLE discovery_record_job (
  tenant        VARCHAR(100) COLLATE "C" NOT NULL,
  name          VARCHAR(100) COLLATE "C" NOT NULL,
  watermark_at  TIMESTAMP(6) WITH TIME ZONE,
  watermark_key VARCHAR(200) COLLATE "C",
  backfill_at   TIMESTAMP(6) WITH TIME ZONE,
  backfill_key  VARCHAR(200) COLLATE "C",
  last_window   BIGINT NOT NULL,
  health        TEXT NOT NULL,
  version       BIGINT NOT NULL,
  PRIMARY KEY (tenant, name)
);
