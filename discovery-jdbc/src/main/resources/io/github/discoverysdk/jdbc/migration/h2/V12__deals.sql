-- Discovery SDK schema, version 13, H2 2.x: deals read from the tenants' CRMs (closed-deal
-- enrichment). A deal is keyed by (tenant, source, id); its contacts are a JSON array, written and
-- read with the deal. amount is the exact decimal as text, so that it comes back with the scale it
-- was given. discovery_deal_closed pages the closed deals by (closed_at, source, id). No change to
-- existing tables.

CREATE TABLE IF NOT EXISTS discovery_deal (
  tenant         VARCHAR(100) NOT NULL,
  source         VARCHAR(100) NOT NULL,
  id             VARCHAR(200) NOT NULL,
  name           VARCHAR(500) NOT NULL,
  stage          VARCHAR(20) NOT NULL,
  amount         VARCHAR(80),
  currency       VARCHAR(3),
  closed_at      TIMESTAMP(6) WITH TIME ZONE,
  account_name   VARCHAR(200),
  account_domain VARCHAR(253),
  contacts       CHARACTER VARYING NOT NULL,
  updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, source, id)
);
CREATE INDEX IF NOT EXISTS discovery_deal_closed
  ON discovery_deal (tenant, closed_at, source, id);

-- Cached enrichment of deal contacts (kind CONTACT, keyed by email) and accounts (kind ACCOUNT,
-- keyed by domain), shared by every engine on the database; attributes are a JSON object.
CREATE TABLE IF NOT EXISTS discovery_deal_enrichment (
  tenant      VARCHAR(100) NOT NULL,
  kind        VARCHAR(10) NOT NULL,
  subject_key VARCHAR(254) NOT NULL,
  attributes  CHARACTER VARYING NOT NULL,
  enriched_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant, kind, subject_key)
);
