-- Discovery SDK schema, version 3, PostgreSQL 12+: the shared query cache and the cost ledger.
-- discovery_query_cache is the one table without a tenant, by design: it holds only the answers
-- of sources that declare their data public, shared by every tenant asking the same question.
-- It is keyed by (source, query, SHA-256 of the cursor), since a cursor may be of any length; the
-- full cursor is kept beside its hash. Expired answers are found and deleted through expires_at.
-- discovery_cost_ledger is per tenant like every other table, read by period in insertion order.

CREATE TABLE discovery_query_cache (
  source_id    VARCHAR(100) COLLATE "C" NOT NULL,
  query_key    VARCHAR(400) COLLATE "C" NOT NULL,
  cursor_sha   CHAR(64) NOT NULL,
  cursor_value TEXT NOT NULL,
  signals      TEXT NOT NULL,
  next_cursor  TEXT,
  stored_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (source_id, query_key, cursor_sha)
);
CREATE INDEX discovery_query_cache_expires ON discovery_query_cache (expires_at);

CREATE TABLE discovery_cost_ledger (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  source_id   VARCHAR(100) COLLATE "C" NOT NULL,
  query_key   VARCHAR(400) COLLATE "C" NOT NULL,
  occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  cache_hit   BOOLEAN NOT NULL,
  cost        DOUBLE PRECISION NOT NULL,
  profile_ids TEXT NOT NULL
);
CREATE INDEX discovery_cost_ledger_by_time
  ON discovery_cost_ledger (tenant, occurred_at, seq);
