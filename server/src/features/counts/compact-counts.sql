-- Folds each rollup key's appended rows into one and drops keys that add up to 0 (migration 009: changes append signed
-- rows). One statement, so readers see the rows before or after, never between; a change committed meanwhile appends
-- rows this statement neither saw nor deletes. Only keys with more than one row, or a sum of 0, are rewritten: after
-- an import of new months that is location_counts (each file adds a row per point) and few others.
WITH point_keys AS (
  SELECT category_id, period_start, location_id, location_text
    FROM point_month_counts
   GROUP BY 1, 2, 3, 4
  HAVING count(*) > 1 OR sum(incidents) = 0
), point_rows AS (
  DELETE FROM point_month_counts p
   USING point_keys k
   WHERE p.category_id = k.category_id AND p.period_start = k.period_start AND p.location_id = k.location_id
     AND p.location_text IS NOT DISTINCT FROM k.location_text
  RETURNING p.*
), points AS (
  INSERT INTO point_month_counts (location_id, period_start, category_id, location_text, incidents)
  SELECT location_id, period_start, category_id, location_text, sum(incidents)::int
    FROM point_rows
   GROUP BY 1, 2, 3, 4
  HAVING sum(incidents) <> 0
   ORDER BY category_id, period_start, location_id
), ward_keys AS (
  SELECT category_id, period_start, ward_code, has_location
    FROM ward_month_counts
   GROUP BY 1, 2, 3, 4
  HAVING count(*) > 1 OR sum(incidents) = 0
), ward_rows AS (
  DELETE FROM ward_month_counts w
   USING ward_keys k
   WHERE w.category_id = k.category_id AND w.period_start = k.period_start
     AND w.ward_code IS NOT DISTINCT FROM k.ward_code AND w.has_location = k.has_location
  RETURNING w.*
), wards AS (
  INSERT INTO ward_month_counts (ward_code, has_location, period_start, category_id, incidents)
  SELECT ward_code, has_location, period_start, category_id, sum(incidents)::int
    FROM ward_rows
   GROUP BY 1, 2, 3, 4
  HAVING sum(incidents) <> 0
), day_keys AS (
  SELECT source, period_start, every_ward, ward_code, category_id, precision, day
    FROM day_counts
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING count(*) > 1 OR sum(incidents) = 0
), day_rows AS (
  DELETE FROM day_counts d
   USING day_keys k
   WHERE d.source = k.source AND d.period_start = k.period_start AND d.every_ward = k.every_ward AND d.ward_code IS NOT DISTINCT FROM k.ward_code
     AND d.category_id = k.category_id AND d.precision = k.precision AND d.day IS NOT DISTINCT FROM k.day
  RETURNING d.*
), days AS (
  INSERT INTO day_counts (source, period_start, every_ward, ward_code, category_id, precision, day, incidents)
  SELECT source, period_start, every_ward, ward_code, category_id, precision, day, sum(incidents)::int
    FROM day_rows
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(incidents) <> 0
), hour_keys AS (
  SELECT source, period_start, every_ward, ward_code, category_id, weekday, hour
    FROM hour_counts
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING count(*) > 1 OR sum(incidents) = 0
), hour_rows AS (
  DELETE FROM hour_counts h
   USING hour_keys k
   WHERE h.source = k.source AND h.period_start = k.period_start AND h.every_ward = k.every_ward AND h.ward_code IS NOT DISTINCT FROM k.ward_code
     AND h.category_id = k.category_id AND h.weekday = k.weekday AND h.hour = k.hour
  RETURNING h.*
), hours AS (
  INSERT INTO hour_counts (source, period_start, every_ward, ward_code, category_id, weekday, hour, incidents)
  SELECT source, period_start, every_ward, ward_code, category_id, weekday, hour, sum(incidents)::int
    FROM hour_rows
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(incidents) <> 0
), location_keys AS (
  SELECT category_id, location_id
    FROM location_counts
   GROUP BY 1, 2
  HAVING count(*) > 1 OR sum(incidents) = 0
), location_rows AS (
  DELETE FROM location_counts c
   USING location_keys k
   WHERE c.category_id = k.category_id AND c.location_id = k.location_id
  RETURNING c.*
)
INSERT INTO location_counts (location_id, category_id, incidents)
SELECT location_id, category_id, sum(incidents)::int
  FROM location_rows
 GROUP BY 1, 2
HAVING sum(incidents) <> 0
 ORDER BY category_id, location_id
