-- Discovery SDK schema, version 7, PostgreSQL 12+: the stored state of learned models.
-- One row per (tenant, model name), the state as JSON text, versioned like profiles; no change to
-- existing tables.

CREATE TABLE discovery_model_state (
  tenant     VARCHAR(100) COLLATE "C" NOT NULL,
  name       VARCHAR(200) COLLATE "C" NOT NULL,
  payload    TEXT NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (tenant, name)
);
