-- The ids of the categories named (a name no incident has yet has none, and so matches nothing).
SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids FROM incident_categories WHERE name = ANY ($1::text[])
