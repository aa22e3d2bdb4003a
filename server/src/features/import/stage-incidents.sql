INSERT INTO staging_incidents (source_key, crime_id, month, lon, lat, location_text, lsoa_code, category, outcome, h3)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
