-- Discovery SDK schema, version 7, H2 2.x: the stored state of learned models.
-- One row per (tenant, model name), the state as JSON text, versioned like profiles; no change to
-- existing tables.

CREATE TABLE discovery_model_state (
  tenant     VARCHAR(100) NOT NULL,
  name       VARCHAR(200) NOT NULL,
  payload    CHARACTER VARYING NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (tenant, name)
);
