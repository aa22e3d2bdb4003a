SELECT id, name FROM incident_categories
