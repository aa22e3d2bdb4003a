-- A ward's name and council, for a POP registered from it.
SELECT w.name, w.council_name FROM wards w WHERE w.code = $1
