-- The embedded database's way in (its socket server has no COPY FROM STDIN): one batch of new rows.
INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, crime_id, location_text,
                       lsoa_code, outcome, location_id)
SELECT $1, r.source_key, $2, r.category, to_date(r.month, 'YYYY-MM')::timestamp AT TIME ZONE 'Europe/London', r.precision, r.crime_id,
       r.location_text, r.lsoa_code, r.outcome, r.location_id
  FROM unnest($3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[])
       AS r (source_key, month, category, precision, crime_id, location_text, lsoa_code, outcome, location_id)
