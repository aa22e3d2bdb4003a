-- One page of incidents in a bounding box, in id order; the cursor is the last id of the previous page.
SELECT id, category, to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, period_precision AS precision,
       location_text AS location, lsoa_code, ward_code, ST_X(geom) AS lon, ST_Y(geom) AS lat, source
  FROM incidents
 WHERE ($1::text IS NULL OR period_start >= ($1 || '-01')::timestamp AT TIME ZONE 'Europe/London')
   AND ($2::text IS NULL OR period_start < (($2 || '-01')::timestamp + interval '1 month') AT TIME ZONE 'Europe/London')
   AND ($3::text[] IS NULL OR category = ANY ($3))
   AND ($4::text IS NULL OR ward_code = $4)
   AND ($5::float8 IS NULL OR geom && ST_MakeEnvelope($5, $6, $7, $8, 4326))
   AND id > $9
 ORDER BY id
 LIMIT $10
