SELECT code, md5(ST_AsBinary(geom)) AS digest
  FROM councils
 WHERE $1::text[] IS NULL OR code = ANY ($1)
 ORDER BY code
