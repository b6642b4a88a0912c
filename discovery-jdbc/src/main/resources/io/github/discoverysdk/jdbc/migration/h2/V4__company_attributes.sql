-- Discovery SDK schema, version 4, H2 2.x: what the enricher found about an opportunity's
-- company; existing rows get none.

ALTER TABLE discovery_opportunity
  ADD COLUMN company_attributes CHARACTER VARYING DEFAULT '{}' NOT NULL;
