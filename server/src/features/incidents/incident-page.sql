-- One page of incidents in a bounding box, in id order; the cursor is the last id of the previous page. Incidents
-- without a location (police.uk gives none) are listed, with no coordinates, only when no box is asked for. $1, $2:
-- the period as instants (counts/count-bounds.ts); the ward is the map point's. $11, $12: an H3 cell's resolution and
-- index (bigint), the incidents whose point's stored cell it is (null: any).
SELECT i.id, i.category, to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, i.period_precision AS precision,
       i.location_text AS location, i.lsoa_code, l.ward_code, l.lon, l.lat, i.source
  FROM incidents i
  LEFT JOIN locations l ON l.id = i.location_id
 WHERE ($1::timestamptz IS NULL OR i.period_start >= $1)
   AND ($2::timestamptz IS NULL OR i.period_start < $2)
   AND ($3::text[] IS NULL OR i.category = ANY ($3))
   AND ($4::text IS NULL OR l.ward_code = $4)
   AND ($5::float8 IS NULL OR l.geom && ST_MakeEnvelope($5, $6, $7, $8, 4326))
   AND ($11::int IS NULL OR CASE $11 WHEN 6 THEN l.h3_res6 WHEN 7 THEN l.h3_res7 WHEN 8 THEN l.h3_res8
                                      WHEN 9 THEN l.h3_res9 ELSE l.h3_res10 END = $12::bigint)
   AND i.id > $9
 ORDER BY i.id
 LIMIT $10
