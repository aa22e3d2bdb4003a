-- The file's accepted rows, staged in its transaction before they touch incidents: the additions, changes and
-- removals are then three set-based statements (and three count-trigger runs), whatever the file's size.
CREATE TEMP TABLE mapped_rows (
  row_number        integer NOT NULL,
  source_key        bytea NOT NULL,
  reference         text NOT NULL,
  category          text NOT NULL,
  period_start      timestamptz NOT NULL,
  period_precision  text NOT NULL,
  lon               float8,
  lat               float8,
  easting           float8,
  northing          float8,
  location_id       integer,
  location_text     text,
  description       text,
  stated_ward_code  text
) ON COMMIT DROP
