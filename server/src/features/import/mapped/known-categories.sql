SELECT name FROM incident_categories WHERE name = ANY ($1::text[])
