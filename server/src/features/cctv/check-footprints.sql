-- Why each footprint ($1 GeoJSON polygons) is not a valid polygon, or null when it is.
SELECT n::int AS position,
       CASE WHEN ST_IsEmpty(g) THEN 'the polygon is empty'
            WHEN NOT ST_IsValid(g) THEN ST_IsValidReason(g) END AS problem
  FROM unnest($1::text[]) WITH ORDINALITY AS f (text, n), LATERAL (SELECT ST_GeomFromGeoJSON(f.text) AS g) AS parsed
