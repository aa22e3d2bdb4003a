-- British National Grid (EPSG:27700) to WGS84 in PostGIS. The PROJ here has no OSTN15 grid, so ST_Transform uses
-- OSGB36's 7-parameter Helmert shift: within about 5 m of OSTN15 anywhere in Great Britain (decision 0011), below a
-- collision log's 10 m rounding. Rounded to 7 decimals (1 cm) so the same grid point is the same map point.
UPDATE mapped_rows m
   SET lon = round(ST_X(p.geom)::numeric, 7)::float8,
       lat = round(ST_Y(p.geom)::numeric, 7)::float8
  FROM (SELECT DISTINCT easting, northing,
               ST_Transform(ST_SetSRID(ST_MakePoint(easting, northing), 27700), 4326) AS geom
          FROM mapped_rows WHERE easting IS NOT NULL) AS p
 WHERE m.easting = p.easting AND m.northing = p.northing
