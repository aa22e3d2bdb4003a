-- The incident_categories ids of the names given ($1), the names no category has left out.
SELECT k.name, k.id FROM incident_categories k WHERE k.name = ANY ($1::text[])
