-- Whether any incident of ward $1 from $2 to $3 (UK days, end exclusive) is dated to the day or minute: a ward with
-- none has months only. Its own query, not the report's: over a months-only ward it reads every incident of the range.
SELECT EXISTS (SELECT 1 FROM locations l JOIN incidents i ON i.location_id = l.id
                WHERE l.ward_code = $1 AND i.period_precision <> 'month'
                  AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
                  AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London') AS timed
