-- The open POP registered for ward $1, if any (pops_open_ward_key allows one).
SELECT p.id::int FROM pops p WHERE p.source = 'ward' AND p.status = 'open' AND p.source_ward = $1
