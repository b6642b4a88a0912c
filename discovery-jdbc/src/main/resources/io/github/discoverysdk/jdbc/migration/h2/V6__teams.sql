-- Discovery SDK schema, version 6, H2 2.x: teams and the opportunities shared with them.
-- Members and notes are JSON text. A share is unique per (tenant, team, opportunity) and goes
-- with its opportunity; a team's feed is read newest shared first.

CREATE TABLE discovery_team (
  tenant     VARCHAR(100) NOT NULL,
  id         VARCHAR(100) NOT NULL,
  name       VARCHAR(200) NOT NULL,
  members    CHARACTER VARYING NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE discovery_team_share (
  tenant         VARCHAR(100) NOT NULL,
  team_id        VARCHAR(100) NOT NULL,
  opportunity_id VARCHAR(200) NOT NULL,
  shared_by      CHARACTER VARYING NOT NULL,
  shared_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  status         VARCHAR(20) NOT NULL,
  notes          CHARACTER VARYING NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, team_id, opportunity_id),
  CONSTRAINT discovery_team_share_team FOREIGN KEY (tenant, team_id)
    REFERENCES discovery_team (tenant, id),
  CONSTRAINT discovery_team_share_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
);
CREATE INDEX discovery_team_share_feed
  ON discovery_team_share (tenant, team_id, shared_at, opportunity_id);
CREATE INDEX discovery_team_share_by_opportunity
  ON discovery_team_share (tenant, opportunity_id);
