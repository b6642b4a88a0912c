-- Discovery SDK schema, version 20, MariaDB 10.8+: each tenant's current ideal customer profile,
-- as the monthly closed-deal chain derived it last: the won and lost deals it was derived from, its
-- traits (a JSON array of {kind, value, example, wonWith, wonKnown, lostWith, lostKnown, lift}) and
-- when. The engine's runs score the opportunities they write against it (the icp_fit factor). One
-- row per tenant, replaced by the next chain. One CREATE TABLE IF NOT EXISTS, so the file can be
-- re-run after a failure; the tenant compares with NO PAD (see V9). No change to existing tables.

CREATE TABLE IF NOT EXISTS discovery_icp (
  tenant     VARCHAR(100) NOT NULL,
  won_deals  INT NOT NULL,
  lost_deals INT NOT NULL,
  traits     MEDIUMTEXT NOT NULL,
  derived_at DATETIME(6) NOT NULL,
  PRIMARY KEY (tenant)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
