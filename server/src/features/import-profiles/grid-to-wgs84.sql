-- National Grid points as WGS84, as the import converts them (import/mapped/convert-grid.sql).
SELECT round(ST_X(p)::numeric, 7)::float8 AS lon, round(ST_Y(p)::numeric, 7)::float8 AS lat
  FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS g (easting, northing, ordinal)
 CROSS JOIN LATERAL ST_Transform(ST_SetSRID(ST_MakePoint(g.easting, g.northing), 27700), 4326) AS p
 ORDER BY g.ordinal
