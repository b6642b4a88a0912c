-- Discovery SDK schema, version 5, PostgreSQL 12+: the outbox of alerts and pushes.
-- An entry is unique per (tenant, sink, dedupe key), decided on the SHA-256 of sink and key so
-- that keys of any length fit the unique index; due entries are read by status and time.

CREATE TABLE discovery_outbox (
  tenant          VARCHAR(100) COLLATE "C" NOT NULL,
  id              VARCHAR(200) COLLATE "C" NOT NULL,
  sink_id         VARCHAR(200) COLLATE "C" NOT NULL,
  kind            VARCHAR(20) NOT NULL,
  opportunity_id  VARCHAR(200) COLLATE "C" NOT NULL,
  dedupe_sha      CHAR(64) NOT NULL,
  dedupe_key      TEXT NOT NULL,
  status          VARCHAR(20) NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_error      TEXT,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version         BIGINT NOT NULL,
  PRIMARY KEY (tenant, id),
  CONSTRAINT discovery_outbox_dedupe UNIQUE (tenant, dedupe_sha)
);
CREATE INDEX discovery_outbox_due ON discovery_outbox (tenant, status, next_attempt_at);
