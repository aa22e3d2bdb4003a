-- Incidents police.uk gives no map point (issue 11). Many forces' files carry crimes with empty Longitude, Latitude
-- and LSOA and the Location "No location"; they are real incidents, so they are kept, counted in totals and shown as
-- "without a location", but have no point, ward or H3 cell: the map and the spatial analyses leave them out and say
-- how many. Such an incident has no location_id (and so no ward_code); counts per point (location_counts,
-- point_month_counts) have nothing to count them under, and the high-water mark still passes them.
ALTER TABLE incidents ALTER COLUMN location_id DROP NOT NULL;
COMMENT ON COLUMN incidents.location_id IS 'the map point; null when police.uk gives none (Location "No location")';

-- The row key of a row without a point has empty coordinates in its identity, as the importer writes it
-- (police-uk-row.ts). concat_ws would drop the null coordinates with their separators, so they are given as empty
-- text: the same key as before for every row with a point.
CREATE OR REPLACE FUNCTION police_uk_incident_key(month text, crime_id text, lon float8, lat float8, location_text text,
                                                  lsoa_code text, category text, ordinal integer) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT substr(sha256(convert_to(concat_ws(E'\x1f', month, coalesce(crime_id, ''), coalesce(encode(float8send(lon), 'hex'), ''),
                                            coalesce(encode(float8send(lat), 'hex'), ''), coalesce(location_text, ''),
                                            coalesce(lsoa_code, ''), category, ordinal::text), 'UTF8')), 1, 16)
$$;

-- What queries add to the counts per point: only incidents with a point.
CREATE OR REPLACE FUNCTION incidents_not_counted() RETURNS TABLE (location_id integer, category text)
LANGUAGE sql STABLE SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 SET jit = off AS $$
  SELECT i.location_id, i.category
    FROM patrolmap.incidents i
   WHERE i.id > (SELECT s.counted_through FROM patrolmap.location_counts_state s WHERE s.single)
     AND i.location_id IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION incidents_not_counted_by_month()
RETURNS TABLE (location_id integer, period_start timestamptz, category_id smallint, location_text text)
LANGUAGE sql STABLE SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 SET jit = off AS $$
  SELECT i.location_id, i.period_start, (SELECT k.id FROM patrolmap.incident_categories k WHERE k.name = i.category), i.location_text
    FROM patrolmap.incidents i
   WHERE i.id > (SELECT s.counted_through FROM patrolmap.location_counts_state s WHERE s.single)
     AND i.location_id IS NOT NULL
$$;
