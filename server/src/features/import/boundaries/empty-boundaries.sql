-- Staged boundaries whose repaired geometry has no area left (ST_MakeValid turns a ring folded flat into lines, which
-- ST_CollectionExtract drops): they would be stored as empty wards.
SELECT code FROM staging_boundaries WHERE geom IS NULL OR ST_IsEmpty(geom) ORDER BY code
