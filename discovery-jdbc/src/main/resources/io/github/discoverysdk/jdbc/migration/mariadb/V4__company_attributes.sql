-- Discovery SDK schema, version 4, MariaDB 10.8+ and MySQL 8: what the enricher found about an
-- opportunity's company; existing rows get none.

ALTER TABLE discovery_opportunity
  ADD COLUMN company_attributes TEXT NOT NULL DEFAULT ('{}');
