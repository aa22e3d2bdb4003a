SELECT id, lon, lat FROM locations WHERE h3_res6 IS NULL ORDER BY id LIMIT $1
