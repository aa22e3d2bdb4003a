-- Sets the weights given ($1 categories, $2 weights) by $3 (an email).
UPDATE harm_weights h
   SET weight = d.weight, updated_at = now(), updated_by = $3
  FROM unnest($1::text[], $2::float8[]) AS d (category, weight)
 WHERE h.category = d.category
