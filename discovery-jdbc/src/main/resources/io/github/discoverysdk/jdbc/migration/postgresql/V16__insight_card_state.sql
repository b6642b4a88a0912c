-- Discovery SDK schema, version 16, PostgreSQL 12+: each card record keeps what the inbox figures
-- and the account health read of its opportunity, review card and feedback (#15), so that both read
-- models scan the reader's card records alone, index-only, instead of probing two primary keys per
-- card (the few cards a health view lists read their title and type from the record's row too).
-- Every writer of those rows refreshes the copy in its own transaction
-- (InsightStore.refresh). The columns are filled from the existing rows here; they are NULL only
-- between a record's insert and its refresh in the same statement batch.

ALTER TABLE discovery_insight_card
  ADD COLUMN IF NOT EXISTS title          TEXT,
  ADD COLUMN IF NOT EXISTS signal_type    VARCHAR(32),
  ADD COLUMN IF NOT EXISTS strength       VARCHAR(32),
  ADD COLUMN IF NOT EXISTS urgency        BIGINT,
  ADD COLUMN IF NOT EXISTS status         VARCHAR(32),
  ADD COLUMN IF NOT EXISTS score_total    DOUBLE PRECISION,
  ADD COLUMN IF NOT EXISTS signal_key_sha CHAR(64),
  ADD COLUMN IF NOT EXISTS review_state   VARCHAR(20),
  ADD COLUMN IF NOT EXISTS submitted_at   TIMESTAMP(6) WITH TIME ZONE,
  ADD COLUMN IF NOT EXISTS decided_at     TIMESTAMP(6) WITH TIME ZONE,
  ADD COLUMN IF NOT EXISTS feedback_at    TIMESTAMP(6) WITH TIME ZONE;

UPDATE discovery_insight_card i
   SET title = o.title, signal_type = o.signal_type, strength = o.strength, urgency = o.sort_urgency, status = o.status,
       score_total = o.score_total, signal_key_sha = o.signal_key_sha
  FROM discovery_opportunity o
 WHERE o.tenant = i.tenant AND o.id = i.opportunity_id;

UPDATE discovery_insight_card i
   SET review_state = c.state, submitted_at = c.submitted_at, decided_at = c.decided_at
  FROM discovery_review_card c
 WHERE c.tenant = i.tenant AND c.opportunity_id = i.opportunity_id;

UPDATE discovery_insight_card i
   SET feedback_at = f.at
  FROM (SELECT tenant, opportunity_id, MAX(given_at) AS at FROM discovery_feedback
         GROUP BY tenant, opportunity_id) f
 WHERE f.tenant = i.tenant AND f.opportunity_id = i.opportunity_id;

-- The key of discovery_insight_card_by_account, covering what both read models read: it replaces
-- that index.
CREATE INDEX IF NOT EXISTS discovery_insight_card_by_account_state
  ON discovery_insight_card (tenant, account_id, carded_at, opportunity_id)
  INCLUDE (review_state, strength, urgency, status, score_total, submitted_at, decided_at,
           feedback_at, published_sec, published_at, risk_flags, signal_key_sha, source_id);

DROP INDEX IF EXISTS discovery_insight_card_by_account;
