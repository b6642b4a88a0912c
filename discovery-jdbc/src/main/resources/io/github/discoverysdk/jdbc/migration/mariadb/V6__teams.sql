-- Discovery SDK schema, version 6, MariaDB 10.8+ and MySQL 8: teams and the opportunities shared
-- with them. Members and notes are JSON text. A share is unique per (tenant, team, opportunity)
-- and goes with its opportunity; a team's feed is read newest shared first. Both tables are
-- CREATE TABLE IF NOT EXISTS with their indexes, so the file can be re-run after a failure.

CREATE TABLE IF NOT EXISTS discovery_team (
  tenant     VARCHAR(100) NOT NULL,
  id         VARCHAR(100) NOT NULL,
  name       VARCHAR(200) NOT NULL,
  members    MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS discovery_team_share (
  tenant         VARCHAR(100) NOT NULL,
  team_id        VARCHAR(100) NOT NULL,
  opportunity_id VARCHAR(200) NOT NULL,
  shared_by      TEXT NOT NULL,
  shared_at      DATETIME(6) NOT NULL,
  status         VARCHAR(20) NOT NULL,
  notes          MEDIUMTEXT NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, team_id, opportunity_id),
  INDEX discovery_team_share_feed (tenant, team_id, shared_at, opportunity_id),
  INDEX discovery_team_share_by_opportunity (tenant, opportunity_id),
  CONSTRAINT discovery_team_share_team FOREIGN KEY (tenant, team_id)
    REFERENCES discovery_team (tenant, id),
  CONSTRAINT discovery_team_share_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
