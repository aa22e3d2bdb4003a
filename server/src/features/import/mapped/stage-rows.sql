INSERT INTO mapped_rows (row_number, source_key, reference, category, period_start, period_precision, lon, lat, easting,
                         northing, location_text, description, stated_ward_code)
SELECT *
  FROM unnest($1::int[], $2::bytea[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::float8[], $8::float8[],
              $9::float8[], $10::float8[], $11::text[], $12::text[], $13::text[])
