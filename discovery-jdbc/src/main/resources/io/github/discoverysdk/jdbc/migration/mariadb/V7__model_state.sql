-- Discovery SDK schema, version 7, MariaDB 10.8+ and MySQL 8: the stored state of learned models.
-- One statement, so a failure leaves nothing half done. One row per (tenant, model name), the
-- state as JSON text, versioned like profiles; no change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_model_state (
  tenant     VARCHAR(100) NOT NULL,
  name       VARCHAR(200) NOT NULL,
  payload    MEDIUMTEXT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (tenant, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
