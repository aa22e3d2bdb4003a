-- A cheap token for "the incidents have not changed": the importer's high-water mark, and whether rows newer than it
-- exist (only while an import run is under way; the BRIN index answers that without reading the table).
SELECT s.counted_through AS version, EXISTS (SELECT 1 FROM incidents_not_counted()) AS pending
  FROM location_counts_state s
 WHERE s.single
