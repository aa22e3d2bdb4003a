-- Resident reports (issue 16): the public form, its receipt, staff moderation and the retention of personal data.
-- Decision 0012 says why each choice was made.

-- A report as the resident sent it, and what staff decided. Contact details live here only: never on incidents, so no
-- incident route or export can carry them, and the erasure job (resident-reports/erasure.ts) nulls them in one place.
CREATE TABLE resident_reports (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- SHA-256 of the receipt code: the code itself (120 random bits) is shown to the reporter once and kept nowhere,
  -- so a copy of the database cannot be used to read or write on anyone's receipt.
  receipt_hash         bytea NOT NULL CHECK (length(receipt_hash) = 32),
  reporter_category    text NOT NULL CHECK (reporter_category IN ('vandalism', 'threats', 'alcohol', 'littering',
                         'dog-fouling', 'youth-nuisance', 'drugs', 'noise', 'other')),
  -- Patrolmap's category as mapped at submission (report-rules.ts); staff may change it when accepting.
  category             text NOT NULL,
  -- Null when the reporter only typed a place: accepted, such a report is an incident without a location.
  lon                  float8 CHECK (lon BETWEEN -9 AND 2.5),
  lat                  float8 CHECK (lat BETWEEN 49 AND 61),
  place_text           text CHECK (length(place_text) <= 200),
  -- When it happened, to the minute; null with ongoing (the incident is then dated when the report was sent).
  happened_at          timestamptz,
  ongoing              boolean NOT NULL,
  description          text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  contact_name         text,
  contact_email        text,
  contact_phone        text,
  contact_consent      boolean NOT NULL DEFAULT false,
  contact_erased_at    timestamptz,
  status               text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'merged', 'rejected', 'withdrawn')),
  -- Why a report was rejected or withdrawn, in words the reporter reads on the receipt.
  reason               text,
  incident_id          bigint,
  merged_into_report   bigint REFERENCES resident_reports (id),
  merged_into_incident bigint,
  handled_by           bigint REFERENCES users (id),
  submitted_at         timestamptz NOT NULL DEFAULT now(),
  decided_at           timestamptz,
  version              integer NOT NULL DEFAULT 1,
  CONSTRAINT resident_reports_receipt_key UNIQUE (receipt_hash),
  CONSTRAINT resident_reports_where CHECK ((lon IS NULL) = (lat IS NULL) AND (lon IS NOT NULL OR place_text IS NOT NULL)),
  CONSTRAINT resident_reports_when CHECK (ongoing = (happened_at IS NULL)),
  CONSTRAINT resident_reports_accepted CHECK ((status = 'accepted') = (incident_id IS NOT NULL))
);
CREATE INDEX resident_reports_queue_idx ON resident_reports (status, submitted_at);

-- Photos re-encoded (resident-reports/photos.ts) with every metadata field dropped, kept in the database: they commit
-- and roll back with their report, are erased with it, and need no second store to back up (decision 0012).
CREATE TABLE resident_report_photos (
  report_id  bigint NOT NULL REFERENCES resident_reports (id) ON DELETE CASCADE,
  ordinal    smallint NOT NULL CHECK (ordinal BETWEEN 1 AND 3),
  image      bytea NOT NULL,
  width      integer NOT NULL,
  height     integer NOT NULL,
  PRIMARY KEY (report_id, ordinal)
);

-- Messages both ways through the receipt: from the reporter (author_id null) or from a member of staff.
CREATE TABLE resident_report_messages (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id   bigint NOT NULL REFERENCES resident_reports (id) ON DELETE CASCADE,
  from_staff  boolean NOT NULL,
  author_id   bigint REFERENCES users (id),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  sent_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (from_staff = (author_id IS NOT NULL))
);
CREATE INDEX resident_report_messages_report_idx ON resident_report_messages (report_id, id);

-- The key that signs the form's time-check token: one per database, so every server process shares it and a restart
-- does not void forms already open. Filled by the server on first use (there is no strong randomness in plain SQL).
CREATE TABLE resident_report_settings (
  single    boolean PRIMARY KEY DEFAULT true CHECK (single),
  form_key  bytea NOT NULL CHECK (length(form_key) = 32)
);

-- Accepted reports are incidents (source 'resident report'), and every incident belongs to a batch: one standing batch
-- holds them all, made by the first acceptance (report-store.ts), so nothing about imports (a file seen before, the
-- import audit, the health page's last import) applies to them. The index makes that batch one, however many accept
-- at once.
ALTER TABLE import_batches DROP CONSTRAINT import_batches_kind_check;
ALTER TABLE import_batches ADD CONSTRAINT import_batches_kind_check
  CHECK (kind IN ('police-uk-csv', 'ward-geojson', 'council-geojson', 'mapped-csv', 'resident-reports'));
CREATE UNIQUE INDEX import_batches_resident_reports_key ON import_batches (kind) WHERE kind = 'resident-reports';
