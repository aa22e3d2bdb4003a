-- Every category with its weight, in the order the categories are numbered here (the most common first).
SELECT h.category, h.weight, h.default_weight, h.basis, h.updated_at, h.updated_by
  FROM harm_weights h
  JOIN incident_categories c ON c.name = h.category
 ORDER BY c.id
