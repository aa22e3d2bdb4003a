-- Staged rows with a point outside every loaded ward, and rows with no point at all.
SELECT count(*) FILTER (WHERE m.location_id IS NOT NULL AND l.ward_code IS NULL)::int AS outside,
       count(*) FILTER (WHERE m.location_id IS NULL)::int AS unplaced
  FROM mapped_rows m LEFT JOIN locations l ON l.id = m.location_id
