-- Discovery SDK schema, version 3, MariaDB 10.8+ and MySQL 8: the shared query cache and the cost
-- ledger.
-- MariaDB commits each DDL statement at once, so this file is written to be re-run after any of
-- its statements failed: each table is created only if missing, with its indexes.
-- discovery_query_cache is the one table without a tenant, by design: it holds only the answers
-- of sources that declare their data public, shared by every tenant asking the same question.
-- It is keyed by (source, query, SHA-256 of the cursor), since a cursor may be of any length and
-- the full key would exceed InnoDB's 3072-byte index limit; the full cursor is kept beside its
-- hash. Expired answers are found and deleted through expires_at.
-- discovery_cost_ledger is per tenant like every other table, read by period in insertion order.

CREATE TABLE IF NOT EXISTS discovery_query_cache (
  source_id    VARCHAR(100) NOT NULL,
  query_key    VARCHAR(400) NOT NULL,
  cursor_sha   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  cursor_value MEDIUMTEXT NOT NULL,
  signals      LONGTEXT NOT NULL,
  next_cursor  MEDIUMTEXT NULL,
  stored_at    DATETIME(6) NOT NULL,
  expires_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (source_id, query_key, cursor_sha),
  INDEX discovery_query_cache_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS discovery_cost_ledger (
  seq         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant      VARCHAR(100) NOT NULL,
  source_id   VARCHAR(100) NOT NULL,
  query_key   VARCHAR(400) NOT NULL,
  occurred_at DATETIME(6) NOT NULL,
  cache_hit   BOOLEAN NOT NULL,
  cost        DOUBLE NOT NULL,
  profile_ids MEDIUMTEXT NOT NULL,
  INDEX discovery_cost_ledger_by_time (tenant, occurred_at, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
