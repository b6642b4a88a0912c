-- Discovery SDK schema, version 19, PostgreSQL: what the ingestion processors derived from a
-- signal's content, its language (ISO 639) and its themes (a JSON array of theme names). Existing
-- rows get no language and no theme; the entity mentions' spans live in the organizations and
-- people JSON.

ALTER TABLE discovery_signal
  ADD COLUMN language VARCHAR(16),
  ADD COLUMN themes   TEXT NOT NULL DEFAULT '[]';
