-- Whether a ward has the code $1.
SELECT 1 FROM wards WHERE code = $1
