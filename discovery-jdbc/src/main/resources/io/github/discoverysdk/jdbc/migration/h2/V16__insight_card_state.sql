-- Discovery SDK schema, version 16, H2 2.x: each card record keeps what the inbox figures and the
-- account health read of its opportunity, review card and feedback (#15), so that both read models
-- read the card records alone. Every writer of those rows refreshes the copy in its own
-- transaction (InsightStore.refresh). The columns are filled from the existing rows here. Each
-- statement may run again.

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS title CLOB;

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS signal_type VARCHAR(32);

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS strength VARCHAR(32);

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS urgency BIGINT;

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS status VARCHAR(32);

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS score_total DOUBLE PRECISION;

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS signal_key_sha CHAR(64);

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS review_state VARCHAR(20);

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS submitted_at TIMESTAMP(6) WITH TIME ZONE;

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS decided_at TIMESTAMP(6) WITH TIME ZONE;

ALTER TABLE discovery_insight_card ADD COLUMN IF NOT EXISTS feedback_at TIMESTAMP(6) WITH TIME ZONE;

UPDATE discovery_insight_card i SET
  (title, signal_type, strength, urgency, status, score_total, signal_key_sha) =
    (SELECT o.title, o.signal_type, o.strength, o.sort_urgency, o.status, o.score_total, o.signal_key_sha
       FROM discovery_opportunity o WHERE o.tenant = i.tenant AND o.id = i.opportunity_id),
  (review_state, submitted_at, decided_at) =
    (SELECT c.state, c.submitted_at, c.decided_at FROM discovery_review_card c
      WHERE c.tenant = i.tenant AND c.opportunity_id = i.opportunity_id),
  feedback_at =
    (SELECT MAX(f.given_at) FROM discovery_feedback f
      WHERE f.tenant = i.tenant AND f.opportunity_id = i.opportunity_id);

CREATE INDEX IF NOT EXISTS discovery_insight_card_by_account_state
  ON discovery_insight_card (tenant, account_id, carded_at, review_state, strength, urgency);
