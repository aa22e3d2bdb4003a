-- Ward $1's name, council and outline (simplified to about 10 m for the map).
SELECT w.code, w.name, w.council_name,
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(w.geom, 0.0001), 5)::json AS outline
  FROM wards w
 WHERE w.code = $1
