-- One page of incidents in a bounding box, in id order; the cursor is the last id of the previous page. Incidents
-- without a location (police.uk gives none) are listed, with no coordinates, only when no box is asked for. $1, $2:
-- the period as instants (counts/count-bounds.ts); the ward is the map point's.
SELECT i.id, i.category, to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, i.period_precision AS precision,
       i.location_text AS location, i.lsoa_code, l.ward_code, l.lon, l.lat, i.source
  FROM incidents i
  LEFT JOIN locations l ON l.id = i.location_id
 WHERE ($1::timestamptz IS NULL OR i.period_start >= $1)
   AND ($2::timestamptz IS NULL OR i.period_start < $2)
   AND ($3::text[] IS NULL OR i.category = ANY ($3))
   AND ($4::text IS NULL OR l.ward_code = $4)
   AND ($5::float8 IS NULL OR l.geom && ST_MakeEnvelope($5, $6, $7, $8, 4326))
   AND i.id > $9
 ORDER BY i.id
 LIMIT $10
