-- Camera activity added up per ward (the ward holding each camera now; null: outside the wards loaded), months $1 to
-- $2 (first days; null: open), with the months the figures span. Removed cameras count: their returns were made.
SELECT c.ward_code, w.name AS ward_name, w.council_name,
       count(DISTINCT a.camera_id)::int AS cameras, count(*)::int AS camera_months,
       sum(a.incidents_spotted)::int AS incidents_spotted, sum(a.assisted_arrests)::int AS assisted_arrests,
       sum(a.footage_requests)::int AS footage_requests,
       to_char(min(a.month), 'YYYY-MM') AS first_month, to_char(max(a.month), 'YYYY-MM') AS last_month
  FROM camera_activity a
  JOIN cameras c ON c.id = a.camera_id
  LEFT JOIN wards w ON w.code = c.ward_code
 WHERE ($1::date IS NULL OR a.month >= $1::date) AND ($2::date IS NULL OR a.month <= $2::date)
 GROUP BY c.ward_code, w.name, w.council_name
 ORDER BY c.ward_code IS NULL, sum(a.assisted_arrests) DESC, w.name
