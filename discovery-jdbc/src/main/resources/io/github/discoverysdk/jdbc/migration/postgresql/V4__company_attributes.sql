-- Discovery SDK schema, version 4, PostgreSQL 12+: what the enricher found about an
-- opportunity's company; existing rows get none.

ALTER TABLE discovery_opportunity
  ADD COLUMN company_attributes TEXT NOT NULL DEFAULT '{}';
