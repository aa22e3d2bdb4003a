-- Points of the staged rows not yet in locations (the importer gives them their H3 cells: SQL has no H3 here).
SELECT DISTINCT m.lon, m.lat
  FROM mapped_rows m
 WHERE m.lon IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM locations l WHERE l.lon = m.lon AND l.lat = m.lat)
