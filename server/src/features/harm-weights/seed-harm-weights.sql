-- The bundled defaults ($1 categories, $2 weights, $3 bases): a category without a weight gets its default; every
-- category's default and basis are refreshed; a weight already there, edited or not, is left alone. Returns the rows
-- that were added.
INSERT INTO harm_weights AS h (category, weight, default_weight, basis)
SELECT d.category, d.weight, d.weight, d.basis
  FROM unnest($1::text[], $2::float8[], $3::text[]) AS d (category, weight, basis)
  JOIN incident_categories c ON c.name = d.category
    ON CONFLICT (category) DO UPDATE SET default_weight = EXCLUDED.default_weight, basis = EXCLUDED.basis
RETURNING h.category, h.weight, (xmax = 0) AS inserted
