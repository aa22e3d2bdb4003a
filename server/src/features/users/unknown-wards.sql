SELECT code FROM unnest($1::text[]) AS given (code) WHERE NOT EXISTS (SELECT 1 FROM wards w WHERE w.code = given.code)
