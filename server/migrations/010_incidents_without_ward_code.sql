-- Incidents no longer carry a copy of their point's ward (issue 12). The ward of an incident is its point's ward,
-- locations.ward_code: one place to keep it. Every route and rollup already took it from there (ward_month_counts
-- joins locations, and its trigger on locations moves counts when a boundary import places a point in another ward),
-- while the importer still wrote the copy on every row and a boundary import rewrote it on every incident of a moved
-- point. Incidents without a point had none either way. Dropping a column rewrites no rows.
ALTER TABLE incidents DROP COLUMN ward_code;
