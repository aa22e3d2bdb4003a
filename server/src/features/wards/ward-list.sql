-- Every ward for pickers: code, name and council, grouped by council as the pickers show them. No geometry, no counts.
SELECT code, name, council_code AS "councilCode", council_name AS "councilName"
  FROM wards
 ORDER BY council_name, name, code
