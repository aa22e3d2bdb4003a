SELECT l.lon, l.lat, l.id
  FROM unnest($1::float8[], $2::float8[]) AS p (lon, lat)
  JOIN locations l ON l.lon = p.lon AND l.lat = p.lat
