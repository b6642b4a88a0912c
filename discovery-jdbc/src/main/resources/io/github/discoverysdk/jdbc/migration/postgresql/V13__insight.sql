-- Discovery SDK schema, version 13, PostgreSQL 12+: what the run recorded about each card (time to
-- card, account, risk flags), read by the insight read models (account health, inbox, dashboard).
-- One row per opportunity, written once when the run creates it, deleted with it. account_id is
-- the account the card attached to (none: NULL); its scope is the account's owner and team, joined
-- at query time. published_sec is published_at in epoch seconds, for weekly buckets in plain
-- integer arithmetic; latency_ms is carded_at - published_at, never negative; risk_flags is a bit
-- set of RiskFlag ordinals; evidence and breakdown are 0 or 1. No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_insight_card (
  tenant         VARCHAR(100) COLLATE "C" NOT NULL,
  opportunity_id VARCHAR(200) COLLATE "C" NOT NULL,
  account_id     VARCHAR(100) COLLATE "C",
  source_id      VARCHAR(100) COLLATE "C" NOT NULL,
  published_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  published_sec  BIGINT NOT NULL,
  fetched_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  carded_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  latency_ms     BIGINT NOT NULL,
  risk_flags     INTEGER NOT NULL,
  evidence       SMALLINT NOT NULL,
  breakdown      SMALLINT NOT NULL,
  PRIMARY KEY (tenant, opportunity_id),
  CONSTRAINT discovery_insight_card_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
);
-- An account's cards by time (health, inbox of an account manager), and a tenant's (dashboard).
CREATE INDEX IF NOT EXISTS discovery_insight_card_by_account
  ON discovery_insight_card (tenant, account_id, carded_at, opportunity_id);
CREATE INDEX IF NOT EXISTS discovery_insight_card_by_time
  ON discovery_insight_card (tenant, carded_at, opportunity_id);
