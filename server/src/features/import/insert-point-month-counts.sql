-- The embedded database's way in (its socket server has no COPY FROM STDIN): one batch of a run's tallied rows.
INSERT INTO point_month_counts (location_id, period_start, category_id, location_text, incidents)
SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::smallint[], $4::text[], $5::int[])
