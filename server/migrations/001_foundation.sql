-- Foundation schema: boundaries, incidents and the record of every import.
-- Geometries are EPSG:4326; distances are measured as geography (metres).

CREATE TABLE councils (
  code          text PRIMARY KEY,             -- ONS local authority code, e.g. E06000004
  name          text NOT NULL,
  boundary_set  text NOT NULL,                -- e.g. LAD22
  geom          geometry(MultiPolygon, 4326) NOT NULL
);

CREATE TABLE wards (
  code          text PRIMARY KEY,             -- ONS ward code, e.g. E05012345
  name          text NOT NULL,
  council_code  text NOT NULL,
  council_name  text NOT NULL,
  boundary_set  text NOT NULL,                -- e.g. WD23
  geom          geometry(MultiPolygon, 4326) NOT NULL,
  label_point   geometry(Point, 4326) NOT NULL
);
CREATE INDEX wards_council_idx ON wards (council_code);

-- Wards cut into small pieces: point-in-polygon against these is several times faster than against whole wards.
CREATE TABLE ward_parts (
  ward_code  text NOT NULL REFERENCES wards (code) ON DELETE CASCADE,
  geom       geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX ward_parts_geom_idx ON ward_parts USING gist (geom);

CREATE TABLE import_batches (
  id             bigserial PRIMARY KEY,
  file_name      text NOT NULL,
  content_hash   text NOT NULL,               -- sha256 of the file's bytes as given
  kind           text NOT NULL CHECK (kind IN ('police-uk-csv', 'ward-geojson', 'council-geojson')),
  status         text NOT NULL CHECK (status IN ('committed', 'rejected', 'failed')),
  rows_read      integer NOT NULL DEFAULT 0,
  rows_accepted  integer NOT NULL DEFAULT 0,
  rows_added     integer NOT NULL DEFAULT 0,  -- accepted rows that were new (re-imports add none)
  rows_rejected  integer NOT NULL DEFAULT 0,
  errors         jsonb NOT NULL DEFAULT '[]',
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_batches_hash_idx ON import_batches (content_hash) WHERE status = 'committed';

CREATE TABLE incidents (
  id                bigserial PRIMARY KEY,
  source            text NOT NULL,            -- e.g. police.uk
  -- What makes re-import safe: a digest of the row's identifying fields plus its ordinal among identical rows of
  -- its file, since identical ASB rows are separate incidents and carry no ID.
  source_key        text NOT NULL,
  batch_id          bigint NOT NULL REFERENCES import_batches (id),
  category          text NOT NULL,
  period_start      timestamptz NOT NULL,     -- start of the period the incident is known to lie in
  period_precision  text NOT NULL CHECK (period_precision IN ('month', 'day', 'minute')),
  crime_id          text,
  location_text     text,
  lsoa_code         text,
  outcome           text,
  geom              geometry(Point, 4326) NOT NULL,
  ward_code         text,                     -- null: outside every ward (counted as outside the area)
  ward_match        text CHECK (ward_match IN ('contains', 'nearest')),
  h3                bigint NOT NULL,          -- H3 cell at resolution 11; coarser cells via h3_parent()
  CONSTRAINT incidents_source_key UNIQUE (source, source_key)
);
CREATE INDEX incidents_category_period_idx ON incidents (category, period_start);
CREATE INDEX incidents_ward_idx ON incidents (ward_code, period_start);
CREATE INDEX incidents_geom_idx ON incidents USING gist (geom);

-- Parent of an H3 cell, by bit operations (no H3 extension is available): set the resolution field
-- (bits 52-55) and set every digit finer than the resolution (3 bits each, from bit 0 up) to 7.
CREATE FUNCTION h3_parent(cell bigint, res integer) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (cell & ~(15::bigint << 52) & ~((1::bigint << ((15 - res) * 3)) - 1))
       | (res::bigint << 52)
       | ((1::bigint << ((15 - res) * 3)) - 1)
$$;

-- The text form h3-js uses: lower-case hex without leading zeros.
CREATE FUNCTION h3_to_string(cell bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT to_hex(cell) $$;

-- The ward an incident point belongs to: the ward containing it; else, because the ONS boundaries are generalised,
-- the nearest ward within 250 m; else none (outside the area). UNION ALL under LIMIT 1 stops at the first branch
-- that answers, so the nearest-ward search only runs for the few points outside every polygon.
CREATE FUNCTION ward_for_point(pt geometry) RETURNS TABLE (ward_code text, ward_match text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  (SELECT wp.ward_code, 'contains'
     FROM patrolmap.ward_parts wp
    WHERE ST_Intersects(wp.geom, pt)
    ORDER BY wp.ward_code
    LIMIT 1)
  UNION ALL
  (SELECT wp.ward_code, 'nearest'
     FROM patrolmap.ward_parts wp
    WHERE wp.geom && ST_Expand(pt, 0.01)
      AND ST_DWithin(wp.geom::geography, pt::geography, 250)
    ORDER BY ST_Distance(wp.geom::geography, pt::geography), wp.ward_code
    LIMIT 1)
  LIMIT 1
$$;
