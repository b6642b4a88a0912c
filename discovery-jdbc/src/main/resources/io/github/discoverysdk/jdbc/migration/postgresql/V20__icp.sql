-- Discovery SDK schema, version 20, PostgreSQL 12+: each tenant's current ideal customer profile,
-- as the monthly closed-deal chain derived it last: the won and lost deals it was derived from, its
-- traits (a JSON array of {kind, value, example, wonWith, wonKnown, lostWith, lostKnown, lift}) and
-- when. The engine's runs score the opportunities they write against it (the icp_fit factor). One
-- row per tenant, replaced by the next chain; the tenant compares byte-wise (COLLATE "C"). No
-- change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_icp (
  tenant     VARCHAR(100) COLLATE "C" NOT NULL,
  won_deals  INTEGER NOT NULL,
  lost_deals INTEGER NOT NULL,
  traits     TEXT NOT NULL,
  derived_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant)
);
