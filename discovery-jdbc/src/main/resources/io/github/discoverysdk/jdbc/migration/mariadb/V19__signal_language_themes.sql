-- Discovery SDK schema, version 19, MariaDB 10.8+ and MySQL 8: what the ingestion processors
-- derived from a signal's content, its language (ISO 639) and its themes (a JSON array of theme
-- names). Existing rows get no language and no theme; the entity mentions' spans live in the
-- organizations and people JSON. One statement that may run again (IF NOT EXISTS), so that an
-- interrupted migration resumes.

ALTER TABLE discovery_signal
  ADD COLUMN IF NOT EXISTS language VARCHAR(16) NULL,
  ADD COLUMN IF NOT EXISTS themes   TEXT NOT NULL DEFAULT ('[]');
