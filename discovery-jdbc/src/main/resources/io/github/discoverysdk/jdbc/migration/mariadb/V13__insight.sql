-- Discovery SDK schema, version 13, MariaDB 10.8+: what the run recorded about each card (time to
-- card, account, risk flags), read by the insight read models (account health, inbox, dashboard).
-- One statement, a CREATE TABLE IF NOT EXISTS with its indexes, so the file can be re-run after a
-- failure. Keys compare with NO PAD (see V9). One row per opportunity, written once when the run
-- creates it, deleted with it. account_id is the account the card attached to (none: NULL).
-- published_sec is published_at in epoch seconds; latency_ms is carded_at - published_at, never
-- negative; risk_flags is a bit set of RiskFlag ordinals; evidence and breakdown are 0 or 1. No
-- change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_insight_card (
  tenant         VARCHAR(100) NOT NULL,
  opportunity_id VARCHAR(200) NOT NULL,
  account_id     VARCHAR(100) NULL,
  source_id      VARCHAR(100) NOT NULL,
  published_at   DATETIME(6) NOT NULL,
  published_sec  BIGINT NOT NULL,
  fetched_at     DATETIME(6) NOT NULL,
  carded_at      DATETIME(6) NOT NULL,
  latency_ms     BIGINT NOT NULL,
  risk_flags     INT NOT NULL,
  evidence       SMALLINT NOT NULL,
  breakdown      SMALLINT NOT NULL,
  PRIMARY KEY (tenant, opportunity_id),
  INDEX discovery_insight_card_by_account (tenant, account_id, carded_at, opportunity_id),
  INDEX discovery_insight_card_by_time (tenant, carded_at, opportunity_id),
  CONSTRAINT discovery_insight_card_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
