-- New map points, each placed in its ward once, here (police.uk snaps many incidents to one point), with the cells
-- the importer computed (h3-js; there is no H3 in SQL here).
INSERT INTO locations (lon, lat, geom, ward_code, ward_match, h3_res6, h3_res7, h3_res8, h3_res9, h3_res10, h3_res11)
SELECT p.lon, p.lat, point.geom, w.ward_code, w.ward_match, p.res6, p.res7, p.res8, p.res9, p.res10, p.res11
  FROM unnest($1::float8[], $2::float8[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
       AS p (lon, lat, res6, res7, res8, res9, res10, res11)
 CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AS geom) AS point
  LEFT JOIN LATERAL ward_for_point(point.geom) AS w ON true
RETURNING lon, lat, id
