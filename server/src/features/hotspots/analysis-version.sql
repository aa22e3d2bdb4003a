-- What every hotspot analysis result depends on besides its parameters, as one token: the importer's high-water mark
-- (incidents), the last committed import batch (boundaries and the wards of map points change only by import) and a
-- digest of the harm weights with their latest change (analysts edit them; harm enters even count-measure answers,
-- e.g. a location's harm; the time of the change, so weights changed and changed back are a new version).
-- `pending`: rows newer than the mark exist, an import run under way, whose results must not be kept.
SELECT s.counted_through || '/' || (SELECT coalesce(max(id), 0) FROM import_batches WHERE status = 'committed')
         || '/' || (SELECT coalesce(md5(string_agg(category || '=' || weight::text, ',' ORDER BY category)) || '@' || max(updated_at)::text, '')
                      FROM harm_weights) AS version,
       EXISTS (SELECT 1 FROM incidents_not_counted()) AS pending
  FROM location_counts_state s
 WHERE s.single
