-- Discovery SDK schema, version 1, PostgreSQL 12+.
-- Every table carries the tenant and every statement of the SDK is scoped by it.
-- Ids compare byte-wise (COLLATE "C") so that keyset paging orders them like Java's String.compareTo.
-- Nested values (score factors, matches, timing, mentions) are JSON text; the columns the SDK
-- filters and sorts on are plain columns with the indexes the feed needs.

CREATE TABLE discovery_profile (
  tenant         VARCHAR(100) COLLATE "C" NOT NULL,
  id             VARCHAR(100) COLLATE "C" NOT NULL,
  owner          TEXT NOT NULL,
  name           VARCHAR(200) NOT NULL,
  enabled        BOOLEAN NOT NULL,
  frequency      VARCHAR(32) NOT NULL,
  min_confidence DOUBLE PRECISION NOT NULL,
  criteria       TEXT NOT NULL,
  alerts         TEXT NOT NULL,
  created_at     TIMESTAMP(6) WITH TIME ZONE,
  updated_at     TIMESTAMP(6) WITH TIME ZONE,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE discovery_signal (
  tenant        VARCHAR(100) COLLATE "C" NOT NULL,
  source_id     VARCHAR(100) COLLATE "C" NOT NULL,
  external_id   VARCHAR(512) COLLATE "C" NOT NULL,
  signal_type   VARCHAR(32) NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  url           TEXT,
  published_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  observed_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  event         TEXT,
  organizations TEXT NOT NULL,
  people        TEXT NOT NULL,
  industries    TEXT NOT NULL,
  regions       TEXT NOT NULL,
  content_hash  VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant, source_id, external_id)
);
CREATE INDEX discovery_signal_published
  ON discovery_signal (tenant, published_at DESC, source_id, external_id);

CREATE TABLE discovery_opportunity (
  tenant         VARCHAR(100) COLLATE "C" NOT NULL,
  id             VARCHAR(200) COLLATE "C" NOT NULL,
  profile_id     VARCHAR(100) COLLATE "C" NOT NULL,
  source_id      VARCHAR(100) COLLATE "C" NOT NULL,
  external_id    VARCHAR(512) COLLATE "C" NOT NULL,
  signal_key_sha CHAR(64) NOT NULL,
  signal_type    VARCHAR(32) NOT NULL,
  title          TEXT NOT NULL,
  url            TEXT,
  company        TEXT,
  published_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  occurs_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  status         VARCHAR(32) NOT NULL,
  score_total    DOUBLE PRECISION NOT NULL,
  strength       VARCHAR(32) NOT NULL,
  score          TEXT NOT NULL,
  matches        TEXT NOT NULL,
  temporal       TEXT NOT NULL,
  signal_hash    VARCHAR(200) NOT NULL,
  created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  last_seen_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version        BIGINT NOT NULL,
  sort_score     BIGINT NOT NULL,
  sort_published BIGINT NOT NULL,
  sort_urgency   BIGINT NOT NULL,
  sort_outreach  BIGINT NOT NULL,
  PRIMARY KEY (tenant, id),
  CONSTRAINT discovery_opportunity_natural_key UNIQUE (tenant, profile_id, signal_key_sha),
  CONSTRAINT discovery_opportunity_profile FOREIGN KEY (tenant, profile_id)
    REFERENCES discovery_profile (tenant, id) ON DELETE CASCADE
);
CREATE INDEX discovery_opportunity_relevance
  ON discovery_opportunity (tenant, sort_score, sort_published, id);
CREATE INDEX discovery_opportunity_date
  ON discovery_opportunity (tenant, sort_published, sort_score, id);
CREATE INDEX discovery_opportunity_urgency
  ON discovery_opportunity (tenant, sort_urgency, sort_outreach, id);
CREATE INDEX discovery_opportunity_profile_relevance
  ON discovery_opportunity (tenant, profile_id, sort_score, sort_published, id);
CREATE INDEX discovery_opportunity_profile_date
  ON discovery_opportunity (tenant, profile_id, sort_published, sort_score, id);
CREATE INDEX discovery_opportunity_profile_urgency
  ON discovery_opportunity (tenant, profile_id, sort_urgency, sort_outreach, id);

CREATE TABLE discovery_feedback (
  seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant         VARCHAR(100) COLLATE "C" NOT NULL,
  opportunity_id VARCHAR(200) COLLATE "C" NOT NULL,
  feedback_type  VARCHAR(32) NOT NULL,
  dismiss_reason VARCHAR(64),
  amount         VARCHAR(100),
  actor          TEXT,
  note           TEXT,
  given_at       TIMESTAMP(6) WITH TIME ZONE,
  CONSTRAINT discovery_feedback_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
);
CREATE INDEX discovery_feedback_by_opportunity
  ON discovery_feedback (tenant, opportunity_id, seq);

CREATE TABLE discovery_run (
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  run_id      VARCHAR(200) COLLATE "C" NOT NULL,
  started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  finished_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  status      VARCHAR(32) NOT NULL,
  report      TEXT NOT NULL,
  PRIMARY KEY (tenant, run_id)
);
CREATE INDEX discovery_run_started ON discovery_run (tenant, started_at, run_id);

CREATE TABLE discovery_watermark (
  tenant       VARCHAR(100) COLLATE "C" NOT NULL,
  source_id    VARCHAR(100) COLLATE "C" NOT NULL,
  query_key    VARCHAR(400) COLLATE "C" NOT NULL,
  cursor_value TEXT NOT NULL,
  updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, source_id, query_key)
);
