UPDATE mapped_rows m SET location_id = l.id FROM locations l WHERE l.lon = m.lon AND l.lat = m.lat
