-- Discovery SDK schema, version 18, H2 2.x: the status of each closed-deal enrichment subject (a
-- contact by e-mail, an account by domain, a deal by source/id): its outcome (QUEUED, ENRICHED,
-- PARTIAL, NOT_FOUND, SKIPPED_BY_BUDGET, SOURCE_FAILED), the source that gave it and why. A recent
-- NOT_FOUND is the negative cache of the batch. discovery_deal_status_outcome pages a tenant's
-- subjects of one outcome (the queued deals) by key. No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_deal_enrichment_status (
  tenant      VARCHAR(100) NOT NULL,
  subject     VARCHAR(10) NOT NULL,
  subject_key VARCHAR(320) NOT NULL,
  outcome     VARCHAR(20) NOT NULL,
  source      VARCHAR(100) NOT NULL,
  reason      VARCHAR(1000) NOT NULL,
  status_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, subject, subject_key)
);
CREATE INDEX IF NOT EXISTS discovery_deal_status_outcome
  ON discovery_deal_enrichment_status (tenant, outcome, subject, subject_key);
