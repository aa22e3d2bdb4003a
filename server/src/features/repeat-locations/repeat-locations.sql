-- Places with repeated incidents over the $1 months up to the data's latest month (UK months), in categories $2
-- (names; null: any), ward $3 and source $4 (null: any), at least $5 incidents each, the busiest $6 first. A place is
-- a police.uk map point (police.uk snaps each incident to an anonymised point standing for several addresses), or, for
-- a log with addresses, the address as written (case and spacing aside); a log row without one counts at its point.
WITH span AS (
  SELECT (date_trunc('month', max(period_start) AT TIME ZONE 'Europe/London') - make_interval(months => $1::int - 1)) AT TIME ZONE 'Europe/London' AS first_at
    FROM incidents
), chosen AS MATERIALIZED (
  SELECT i.source, i.category, i.period_start, nullif(btrim(i.location_text), '') AS place_text, l.id AS location_id, l.lon, l.lat, l.ward_code,
         CASE WHEN i.source <> 'police.uk' AND nullif(btrim(i.location_text), '') IS NOT NULL
              THEN 'address:' || lower(regexp_replace(btrim(i.location_text), '\s+', ' ', 'g'))
              ELSE 'point:' || l.id END AS place_key
    FROM incidents i
    LEFT JOIN locations l ON l.id = i.location_id
   CROSS JOIN span s
   WHERE i.period_start >= s.first_at
     AND ($2::text[] IS NULL OR i.category = ANY ($2))
     AND ($3::text IS NULL OR l.ward_code = $3)
     AND ($4::text IS NULL OR i.source = $4)
), places AS (
  SELECT place_key,
         mode() WITHIN GROUP (ORDER BY place_text) AS label,
         count(*)::int AS incidents,
         avg(lon) AS lon, avg(lat) AS lat,
         mode() WITHIN GROUP (ORDER BY ward_code) AS ward_code,
         min(period_start) AS first_at, max(period_start) AS last_at,
         array_agg(DISTINCT source ORDER BY source) AS sources
    FROM chosen
   WHERE place_key IS NOT NULL
   GROUP BY place_key
  HAVING count(*) >= $5
   ORDER BY count(*) DESC, place_key
   LIMIT $6
), by_category AS (
  SELECT c.place_key, c.category, count(*)::int AS incidents
    FROM chosen c JOIN places p ON p.place_key = c.place_key
   GROUP BY 1, 2
)
SELECT p.place_key, p.label, p.incidents, p.lon, p.lat, p.ward_code, w.name AS ward_name,
       to_char(p.first_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS first_day,
       to_char(p.last_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS last_day,
       p.sources,
       (SELECT json_agg(json_build_object('category', b.category, 'incidents', b.incidents) ORDER BY b.incidents DESC, b.category)
          FROM by_category b WHERE b.place_key = p.place_key) AS categories,
       to_char((SELECT first_at FROM span) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS from_month
  FROM places p
  LEFT JOIN wards w ON w.code = p.ward_code
 ORDER BY p.incidents DESC, p.place_key
