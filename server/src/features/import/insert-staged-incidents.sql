-- Moves a validated file from staging into incidents. Ward assignment runs once per distinct map point
-- (police.uk snaps many incidents to one point), not once per row.
WITH points AS (
  SELECT DISTINCT lon, lat FROM staging_incidents
), point_wards AS (
  SELECT p.lon, p.lat, w.ward_code, w.ward_match
    FROM points p
    LEFT JOIN LATERAL ward_for_point(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)) w ON true
)
INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, crime_id,
                       location_text, lsoa_code, outcome, geom, ward_code, ward_match, h3)
SELECT 'police.uk', s.source_key, $1, s.category,
       (s.month || '-01')::timestamp AT TIME ZONE 'Europe/London', 'month', s.crime_id,
       s.location_text, s.lsoa_code, s.outcome, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326),
       pw.ward_code, pw.ward_match, s.h3
  FROM staging_incidents s
  JOIN point_wards pw ON pw.lon = s.lon AND pw.lat = s.lat
ON CONFLICT (source, source_key) DO NOTHING
