-- A withdrawn report's incident, gone from every count by the triggers on incidents.
DELETE FROM incidents WHERE source = 'resident report' AND source_key = convert_to('resident-report:' || $1::bigint, 'UTF8')
