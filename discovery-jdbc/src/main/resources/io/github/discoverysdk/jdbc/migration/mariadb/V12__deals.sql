-- Discovery SDK schema, version 13, MariaDB 10.8+: deals read from the tenants' CRMs (closed-deal
-- enrichment). Each statement is a CREATE TABLE IF NOT EXISTS with its indexes, so the file can be
-- re-run after a failure. Keys compare with NO PAD (see V9). A deal is keyed by (tenant, source,
-- id); its contacts are a JSON array, written and read with the deal. amount is the exact decimal
-- as text, so that it comes back with the scale it was given. discovery_deal_closed pages the
-- closed deals by (closed_at, source, id). No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_deal (
  tenant         VARCHAR(100) NOT NULL,
  source         VARCHAR(100) NOT NULL,
  id             VARCHAR(200) NOT NULL,
  name           VARCHAR(500) NOT NULL,
  stage          VARCHAR(20) NOT NULL,
  amount         VARCHAR(80) NULL,
  currency       VARCHAR(3) NULL,
  closed_at      DATETIME(6) NULL,
  account_name   VARCHAR(200) NULL,
  account_domain VARCHAR(253) NULL,
  contacts       MEDIUMTEXT NOT NULL,
  updated_at     DATETIME(6) NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, source, id),
  INDEX discovery_deal_closed (tenant, closed_at, source, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

-- Cached enrichment of deal contacts (kind CONTACT, keyed by email) and accounts (kind ACCOUNT,
-- keyed by domain), shared by every engine on the database; attributes are a JSON object.
CREATE TABLE IF NOT EXISTS discovery_deal_enrichment (
  tenant      VARCHAR(100) NOT NULL,
  kind        VARCHAR(10) NOT NULL,
  subject_key VARCHAR(254) NOT NULL,
  attributes  MEDIUMTEXT NOT NULL,
  enriched_at DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant, kind, subject_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
