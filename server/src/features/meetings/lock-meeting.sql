-- A meeting's editable fields, locked until the transaction ends.
SELECT m.id::int, m.version, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.title, m.chair, m.notes,
       (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM unnest(m.team_ids) AS x)::int[] AS team_ids,
       m.agencies_present AS others_present
  FROM jag_meetings m
 WHERE m.id = $1
   FOR UPDATE
