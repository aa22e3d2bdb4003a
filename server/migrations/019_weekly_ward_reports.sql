-- Weekly ward reports (issue 17, docs/decisions/0013-weekly-ward-reports.md): published reports kept exactly as
-- published, the named contacts admins keep per ward, and an outbox for the e-mails that deliver them.

-- One row per published version of a ward's report for a period. The snapshot is the report's JSON as text, byte for
-- byte what readers get (jsonb would reorder keys and renormalise numbers), and content_hash its SHA-256, so a reader
-- can check a stored report was never touched. Published reports outlive boundary re-imports, so no foreign key to
-- wards: the snapshot carries the ward's name as it was.
CREATE TABLE weekly_reports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ward_code     text NOT NULL CHECK (ward_code ~ '^[A-Z][0-9]{8}$'),
  -- An ISO week (2026-W48), or a month (2025-11) where the ward's data are dated to the month only.
  period        text NOT NULL CHECK (period ~ '^[0-9]{4}-(W[0-9]{2}|[0-9]{2})$'),
  period_kind   text NOT NULL CHECK (period_kind IN ('week', 'month')),
  CHECK ((period_kind = 'week') = (period LIKE '%-W%')),
  version       integer NOT NULL CHECK (version >= 1),
  snapshot      text NOT NULL,
  content_hash  text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  -- What a re-issue changed against the version before, in words (null for the first version).
  changes       text,
  CHECK ((version = 1) = (changes IS NULL)),
  reason        text,
  published_by  bigint REFERENCES users (id),
  trigger       text NOT NULL CHECK (trigger IN ('on-demand', 'schedule', 'command-line')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- Two schedulers (two server processes, or a server and the cron command) publishing the same ward-period: the
  -- second INSERT … ON CONFLICT DO NOTHING adds nothing.
  CONSTRAINT weekly_reports_once UNIQUE (ward_code, period, version)
);
CREATE INDEX weekly_reports_period_idx ON weekly_reports (period, ward_code);

-- Published means never changed: refused in the database, whatever code runs.
CREATE FUNCTION weekly_reports_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published weekly report never changes; publish a new version instead'
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER weekly_reports_unchanged BEFORE UPDATE OR DELETE ON weekly_reports
  FOR EACH ROW EXECUTE FUNCTION weekly_reports_unchanged();

-- Named contacts for a ward, kept by admins: one person per kind of contact.
CREATE TABLE ward_contacts (
  ward_code   text NOT NULL REFERENCES wards (code) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('neighbourhood-officer', 'enforcement-officer', 'housing-officer')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  email       text CHECK (length(email) <= 200),
  phone       text CHECK (length(phone) <= 40),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  bigint REFERENCES users (id),
  PRIMARY KEY (ward_code, kind)
);

-- E-mails waiting to go, sent, or given up on: a failed send stays here with its error and is tried again, never lost.
CREATE TABLE weekly_report_emails (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id        bigint NOT NULL REFERENCES weekly_reports (id),
  recipient        text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT weekly_report_emails_once UNIQUE (report_id, recipient)
);
CREATE INDEX weekly_report_emails_due_idx ON weekly_report_emails (next_attempt_at) WHERE status = 'pending';
