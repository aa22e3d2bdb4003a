INSERT INTO councillor_wards (user_id, ward_code) SELECT $1, unnest($2::text[])
