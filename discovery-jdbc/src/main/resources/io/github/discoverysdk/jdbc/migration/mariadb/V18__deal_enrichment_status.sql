-- Discovery SDK schema, version 18, MariaDB 10.8+: the status of each closed-deal enrichment
-- subject (a contact by e-mail, an account by domain, a deal by source/id): its outcome (QUEUED,
-- ENRICHED, PARTIAL, NOT_FOUND, SKIPPED_BY_BUDGET, SOURCE_FAILED), the source that gave it and why.
-- A recent NOT_FOUND is the negative cache of the batch. One CREATE TABLE IF NOT EXISTS with its
-- index, so the file can be re-run after a failure. Keys compare with NO PAD (see V9); the key is
-- at most 320 characters, 1,280 bytes in utf8mb4, so the primary key stays under InnoDB's 3,072.
-- No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_deal_enrichment_status (
  tenant      VARCHAR(100) NOT NULL,
  subject     VARCHAR(10) NOT NULL,
  subject_key VARCHAR(320) NOT NULL,
  outcome     VARCHAR(20) NOT NULL,
  source      VARCHAR(100) NOT NULL,
  reason      VARCHAR(1000) NOT NULL,
  status_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant, subject, subject_key),
  INDEX discovery_deal_status_outcome (tenant, outcome, subject, subject_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
