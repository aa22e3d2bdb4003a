-- A POP's editable fields, locked until the edit commits, so two edits cannot both start from the same version.
SELECT p.id::int, p.version, p.status, p.title, p.problem, p.owner_id::int,
       coalesce((SELECT array_agg(x::int ORDER BY x) FROM unnest(p.partner_team_ids) x), '{}') AS partner_team_ids,
       p.sara_stage, to_char(p.review_on, 'YYYY-MM-DD') AS review_on,
       p.source, p.cells, p.cells_res::int, p.source_ward,
       CASE WHEN p.source = 'polygon' THEN ST_AsGeoJSON(p.geom, 7)::json END AS polygon
  FROM pops p
 WHERE p.id = $1
   FOR UPDATE OF p
