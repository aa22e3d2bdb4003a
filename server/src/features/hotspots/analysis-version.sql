-- What every hotspot analysis result depends on besides its parameters, as one token: the counts' version (bumped in
-- every transaction that changes incidents or moves a map point to another ward), the last committed import batch
-- (boundaries change only by import) and a digest of the harm weights with their latest change (analysts edit them;
-- harm enters even count-measure answers, e.g. a location's harm; the time of the change, so weights changed and
-- changed back are a new version).
SELECT v.version || '/' || (SELECT coalesce(max(id), 0) FROM import_batches WHERE status = 'committed')
         || '/' || (SELECT coalesce(md5(string_agg(category || '=' || weight::text, ',' ORDER BY category)) || '@' || max(updated_at)::text, '')
                      FROM harm_weights) AS version
  FROM count_version v
 WHERE v.single
