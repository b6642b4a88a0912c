-- Discovery SDK schema, version 20, H2 2.x: each tenant's current ideal customer profile, as the
-- monthly closed-deal chain derived it last: the won and lost deals it was derived from, its traits
-- (a JSON array of {kind, value, example, wonWith, wonKnown, lostWith, lostKnown, lift}) and when.
-- The engine's runs score the opportunities they write against it (the icp_fit factor). One row per
-- tenant, replaced by the next chain. No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_icp (
  tenant     VARCHAR(100) NOT NULL,
  won_deals  INTEGER NOT NULL,
  lost_deals INTEGER NOT NULL,
  traits     CHARACTER VARYING NOT NULL,
  derived_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (tenant)
);
