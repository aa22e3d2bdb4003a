-- Incidents reference their map point instead of carrying it, and a per-point count serves whole-period maps
-- (issue 2's import and /api/hexes targets). Why and what it measured: docs/decisions/0002-import-and-rollup.md.

-- police.uk snaps incidents to a few thousand anonymised map points (8,302 for 269,438 Cleveland rows), so wards,
-- H3 cells and the spatial index are kept once per point.
CREATE TABLE locations (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lon         float8 NOT NULL,
  lat         float8 NOT NULL,
  geom        geometry(Point, 4326) NOT NULL,
  ward_code   text,                          -- null: outside every ward (counted as outside the area)
  ward_match  text CHECK (ward_match IN ('contains', 'nearest')),
  -- The cell containing the point at each resolution (h3-js latLngToCell), not the parent of a finer cell: H3 is not
  -- exactly nested, and "every incident inside the cell" (Gi* compared with other tools) needs the containing one.
  -- Null only for points this migration moved, until the app's next start fills them (fillLocationCells: no H3 in SQL).
  h3_res6     bigint,
  h3_res7     bigint,
  h3_res8     bigint,
  h3_res9     bigint,
  h3_res10    bigint,
  h3_res11    bigint,
  CONSTRAINT locations_point_key UNIQUE (lon, lat)
);
CREATE INDEX locations_geom_idx ON locations USING gist (geom);
CREATE INDEX locations_ward_idx ON locations (ward_code);

-- The importer's row key, recomputed here from stored rows so that rows imported before this migration keep
-- matching their files (police-uk-row.ts incidentKey computes the same in Node): the first 16 bytes of SHA-256 over
-- the identifying fields, the coordinates as their exact float bytes, and the ordinal among identical rows of a file.
CREATE FUNCTION police_uk_incident_key(month text, crime_id text, lon float8, lat float8, location_text text,
                                       lsoa_code text, category text, ordinal integer) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT substr(sha256(convert_to(concat_ws(E'\x1f', month, coalesce(crime_id, ''), encode(float8send(lon), 'hex'),
                                            encode(float8send(lat), 'hex'), coalesce(location_text, ''),
                                            coalesce(lsoa_code, ''), category, ordinal::text), 'UTF8')), 1, 16)
$$;

INSERT INTO locations (lon, lat, geom, ward_code, ward_match)
SELECT DISTINCT ON (lon, lat) lon, lat, ST_SetSRID(ST_MakePoint(lon, lat), 4326), ward_code, ward_match
  FROM (SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, ward_code, ward_match, id FROM incidents) AS points
 ORDER BY lon, lat, id;

ALTER TABLE incidents ADD COLUMN location_id integer, ADD COLUMN row_key bytea;

-- The old key was text ending in ':<ordinal>'; numbering identical rows in that order keeps every ordinal.
WITH keyed AS (
  SELECT i.id, l.id AS location_id,
         police_uk_incident_key(to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM'), i.crime_id, l.lon, l.lat,
                                i.location_text, i.lsoa_code, i.category,
                                row_number() OVER (PARTITION BY i.source, i.period_start, i.crime_id, l.id, i.location_text,
                                                                i.lsoa_code, i.category
                                                   ORDER BY substring(i.source_key FROM ':([0-9]+)$')::integer, i.id)::integer) AS row_key
    FROM incidents i
    JOIN locations l ON l.lon = ST_X(i.geom) AND l.lat = ST_Y(i.geom)
)
UPDATE incidents i SET location_id = k.location_id, row_key = k.row_key FROM keyed k WHERE k.id = i.id;

-- Per-row index and constraint upkeep was most of the import's time (measured in the decision record), so incidents
-- keep one index, a BRIN one, which costs next to nothing to keep: the point index moves to locations; the unique key
-- and the foreign keys are kept by the importer, which serialises imports with an advisory lock and looks up a file's
-- months' keys before it writes; the primary key's B-tree goes (ids stay unique: only the identity sequence assigns
-- them), and filters by category or ward read the table.
ALTER TABLE incidents
  DROP CONSTRAINT incidents_pkey,
  DROP CONSTRAINT incidents_source_key,
  DROP CONSTRAINT incidents_batch_id_fkey,
  DROP COLUMN source_key,
  DROP COLUMN geom,
  DROP COLUMN ward_match,
  DROP COLUMN h3;
ALTER TABLE incidents RENAME COLUMN row_key TO source_key;
ALTER TABLE incidents ALTER COLUMN source_key SET NOT NULL, ALTER COLUMN location_id SET NOT NULL;
DROP INDEX incidents_category_period_idx;
DROP INDEX incidents_ward_idx;
-- Files arrive month by month and ids only grow, so both columns sit in a few block ranges per month or id range:
-- the key lookup, month filters, paging by id and location_counts' newer rows all read just those ranges.
CREATE INDEX incidents_period_id_brin ON incidents USING brin (period_start, id) WITH (pages_per_range = 16);
COMMENT ON COLUMN incidents.ward_code IS 'copy of locations.ward_code, kept for ward filters on incidents';

-- The keys already stored for some months (a key includes its month, so no other row can match a new one). Seq scans
-- are off inside: during an import the table grows faster than its statistics, and without them the planner reads
-- the whole table for each file instead of the few block ranges the BRIN index names. JIT and parallel workers are
-- off too: the penalty on seq scans and BRIN's rough row estimates inflate plan costs past both thresholds, and
-- compiling, or starting workers, takes longer than the lookup.
CREATE FUNCTION stored_incident_keys(source text, month_starts timestamptz[]) RETURNS SETOF bytea
LANGUAGE sql STABLE SET enable_seqscan = off SET jit = off SET max_parallel_workers_per_gather = 0 AS $$
  SELECT i.source_key FROM patrolmap.incidents i WHERE i.source = $1 AND i.period_start = ANY ($2)
$$;
COMMENT ON COLUMN incidents.ward_code IS 'copy of locations.ward_code, kept for ward filters on incidents';

-- Incidents per map point over the whole period, in total and by category: the default map view sums 8,302 rows
-- here instead of 269,438 incidents. It counts incidents with id <= counted_through; queries add the newer ones from
-- incidents, so counts are exact whenever the importer brings it up to date (after each run of files, under the
-- import lock). by_category[k] counts the category whose incident_categories.id is k: one row per point is a sixth of
-- the rows that a row per point and category takes, and the map's query was three times faster for it.
CREATE TABLE incident_categories (
  id    smallint PRIMARY KEY CHECK (id > 0),
  name  text NOT NULL UNIQUE
);
INSERT INTO incident_categories (id, name)
SELECT ordinality, name
  FROM unnest(ARRAY['Violence and sexual offences', 'Anti-social behaviour', 'Criminal damage and arson', 'Shoplifting',
                    'Public order', 'Other theft', 'Burglary', 'Vehicle crime', 'Drugs', 'Other crime', 'Robbery',
                    'Possession of weapons', 'Bicycle theft', 'Theft from the person']) WITH ORDINALITY AS c (name, ordinality);
-- Categories of rows imported before this migration that are not police.uk's (none, but the counts must not lose any).
INSERT INTO incident_categories (id, name)
SELECT 14 + row_number() OVER (ORDER BY category), category
  FROM (SELECT DISTINCT category FROM incidents) AS found
 WHERE category NOT IN (SELECT name FROM incident_categories);

CREATE TABLE location_counts (
  location_id  integer PRIMARY KEY,
  total        integer NOT NULL,
  by_category  integer[] NOT NULL
);
CREATE TABLE location_counts_state (
  single           boolean PRIMARY KEY DEFAULT true CHECK (single),
  counted_through  bigint NOT NULL
);
INSERT INTO location_counts_state (counted_through) SELECT coalesce(max(id), 0) FROM incidents;
INSERT INTO location_counts (location_id, total, by_category)
SELECT points.location_id, coalesce(sum(counted.n), 0), array_agg(coalesce(counted.n, 0) ORDER BY k.id)
  FROM (SELECT DISTINCT location_id FROM incidents) AS points
 CROSS JOIN incident_categories k
  LEFT JOIN (SELECT location_id, category, count(*)::int AS n FROM incidents GROUP BY location_id, category) AS counted
         ON counted.location_id = points.location_id AND counted.category = k.name
 GROUP BY points.location_id;

-- Incidents newer than the high-water mark, which queries add to location_counts. A function so that its plan is
-- fixed: the mark is unknown when the calling query is planned, and with the planner's default guess (a third of the
-- table) it scans every incident, in parallel, for what is nearly always no row at all.
CREATE FUNCTION incidents_not_counted() RETURNS TABLE (location_id integer, category text)
LANGUAGE sql STABLE SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 SET jit = off AS $$
  SELECT i.location_id, i.category
    FROM patrolmap.incidents i
   WHERE i.id > (SELECT s.counted_through FROM patrolmap.location_counts_state s WHERE s.single)
$$;
