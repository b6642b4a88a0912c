-- Discovery SDK schema, version 16, MariaDB 10.8+: each card record keeps what the inbox figures
-- and the account health read of its opportunity, review card and feedback (#15), so that both read
-- models read the card records alone. Every writer of those rows refreshes the copy in its own
-- transaction (InsightStore.refresh). The columns are filled from the existing rows here. Each
-- statement stands alone and may run again (ADD COLUMN IF NOT EXISTS, an UPDATE that sets what it
-- would set again, CREATE INDEX IF NOT EXISTS), so an interrupted migration resumes statement by
-- statement. The key column copies the opportunity's ascii_bin one (see V9).

ALTER TABLE discovery_insight_card
  ADD COLUMN IF NOT EXISTS title          TEXT NULL,
  ADD COLUMN IF NOT EXISTS signal_type    VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS strength       VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS urgency        BIGINT NULL,
  ADD COLUMN IF NOT EXISTS status         VARCHAR(32) NULL,
  ADD COLUMN IF NOT EXISTS score_total    DOUBLE NULL,
  ADD COLUMN IF NOT EXISTS signal_key_sha CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN IF NOT EXISTS review_state   VARCHAR(20) NULL,
  ADD COLUMN IF NOT EXISTS submitted_at   DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS decided_at     DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS feedback_at    DATETIME(6) NULL;

UPDATE discovery_insight_card i
  JOIN discovery_opportunity o ON o.tenant = i.tenant AND o.id = i.opportunity_id
  LEFT JOIN discovery_review_card c ON c.tenant = i.tenant AND c.opportunity_id = i.opportunity_id
   SET i.title = o.title, i.signal_type = o.signal_type, i.strength = o.strength, i.urgency = o.sort_urgency, i.status = o.status,
       i.score_total = o.score_total, i.signal_key_sha = o.signal_key_sha,
       i.review_state = c.state, i.submitted_at = c.submitted_at, i.decided_at = c.decided_at,
       i.feedback_at = (SELECT MAX(f.given_at) FROM discovery_feedback f
                         WHERE f.tenant = i.tenant AND f.opportunity_id = i.opportunity_id);

-- What the inbox figures read, after the key of discovery_insight_card_by_account.
CREATE INDEX IF NOT EXISTS discovery_insight_card_by_account_state
  ON discovery_insight_card (tenant, account_id, carded_at, review_state, strength, urgency,
                             submitted_at, decided_at);
