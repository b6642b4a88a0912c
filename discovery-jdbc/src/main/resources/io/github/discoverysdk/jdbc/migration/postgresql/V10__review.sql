-- Discovery SDK schema, version 10, PostgreSQL 12+: the audit log, monitored accounts and review cards.
-- discovery_audit is append-only: the SDK only inserts into it and reads it. seq is generated,
-- increasing, and pages every read: by entity, by actor and by time, each through its own index.
-- An account's company keys (its normalized name and companies) are rows of
-- discovery_account_company, keyed by their SHA-256 (a key may be of any length), so that a batch
-- of companies finds its accounts in one indexed query. A review card goes with its opportunity
-- (deleting a profile deletes its cards); queued_at (submitted, else created) orders the inbox.
-- A card's scope is its account's owner and team, joined at query time. No change to existing
-- tables.
--
-- A trigger refuses UPDATE and DELETE on discovery_audit with SQLSTATE 42501, so that not even a
-- host's own SQL through the engine's role can rewrite history by accident. It does not stop
-- TRUNCATE or a superuser who drops it: revoke UPDATE, DELETE and TRUNCATE from the engine's role
-- for that. To purge old entries deliberately, a DBA disables the trigger for the purge
-- (ALTER TABLE discovery_audit DISABLE TRIGGER discovery_audit_append_only).

CREATE TABLE discovery_audit (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  actor       VARCHAR(200) COLLATE "C" NOT NULL,
  entity_type VARCHAR(40) COLLATE "C" NOT NULL,
  entity_id   VARCHAR(400) COLLATE "C" NOT NULL,
  action      VARCHAR(20) NOT NULL,
  changes     TEXT NOT NULL,
  reason      TEXT,
  occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  ip          VARCHAR(64),
  user_agent  TEXT,
  request_id  VARCHAR(200)
);
CREATE INDEX discovery_audit_by_entity ON discovery_audit (tenant, entity_type, entity_id, seq);
CREATE INDEX discovery_audit_by_actor ON discovery_audit (tenant, actor, seq);
CREATE INDEX discovery_audit_by_time ON discovery_audit (tenant, occurred_at, seq);

CREATE TABLE discovery_account (
  tenant     VARCHAR(100) COLLATE "C" NOT NULL,
  id         VARCHAR(100) COLLATE "C" NOT NULL,
  name       VARCHAR(200) NOT NULL,
  domains    TEXT NOT NULL,
  owner      VARCHAR(200) COLLATE "C" NOT NULL,
  team       VARCHAR(100) COLLATE "C",
  manager    VARCHAR(200),
  tier       VARCHAR(40) NOT NULL,
  crm_ids    TEXT NOT NULL,
  companies  TEXT NOT NULL,
  created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version    BIGINT NOT NULL,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX discovery_account_by_owner ON discovery_account (tenant, owner, id);
CREATE INDEX discovery_account_by_team ON discovery_account (tenant, team, id);

CREATE TABLE discovery_account_company (
  tenant      VARCHAR(100) COLLATE "C" NOT NULL,
  key_sha     CHAR(64) NOT NULL,
  account_id  VARCHAR(100) COLLATE "C" NOT NULL,
  company_key TEXT NOT NULL,
  PRIMARY KEY (tenant, key_sha, account_id),
  CONSTRAINT discovery_account_company_account FOREIGN KEY (tenant, account_id)
    REFERENCES discovery_account (tenant, id) ON DELETE CASCADE
);
CREATE INDEX discovery_account_company_by_account
  ON discovery_account_company (tenant, account_id);

CREATE TABLE discovery_review_card (
  tenant         VARCHAR(100) COLLATE "C" NOT NULL,
  opportunity_id VARCHAR(200) COLLATE "C" NOT NULL,
  account_id     VARCHAR(100) COLLATE "C",
  state          VARCHAR(20) NOT NULL,
  narrative      TEXT,
  score_override DOUBLE PRECISION,
  score_reason   TEXT,
  notes          TEXT NOT NULL,
  created_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  submitted_at   TIMESTAMP(6) WITH TIME ZONE,
  decided_at     TIMESTAMP(6) WITH TIME ZONE,
  decided_by     VARCHAR(200),
  escalated_at   TIMESTAMP(6) WITH TIME ZONE,
  queued_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version        BIGINT NOT NULL,
  PRIMARY KEY (tenant, opportunity_id),
  CONSTRAINT discovery_review_card_opportunity FOREIGN KEY (tenant, opportunity_id)
    REFERENCES discovery_opportunity (tenant, id) ON DELETE CASCADE
);
CREATE INDEX discovery_review_card_queue
  ON discovery_review_card (tenant, state, queued_at, opportunity_id);
CREATE INDEX discovery_review_card_by_account
  ON discovery_review_card (tenant, account_id, state, queued_at, opportunity_id);
CREATE INDEX discovery_review_card_decided ON discovery_review_card (tenant, decided_at);

CREATE FUNCTION discovery_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'discovery_audit is append-only: % refused', TG_OP USING ERRCODE = '42501'; END
$$;

CREATE TRIGGER discovery_audit_append_only BEFORE UPDATE OR DELETE ON discovery_audit
  FOR EACH ROW EXECUTE FUNCTION discovery_audit_refuse_change();
