-- The shipped profile for the illustrative Stockton-on-Tees ASB log (scripts/make-illustrative-asb-log.ts writes
-- geodata/timed/stockton-illustrative-asb-log.csv; the demo load imports it). Made up, so the mapping says so and the
-- source name carries "(illustrative)" wherever it is shown. Its dates are dd-Mon-yy and its times a 24-hour hhmm
-- column, as many police and council logs keep them.
INSERT INTO import_profiles (name, title, shipped, mapping) VALUES
('stockton-illustrative-asb', 'Stockton-on-Tees ASB log (illustrative: made up, not real reports)', true, $json${
  "source": "Stockton ASB log (illustrative)",
  "reference": ["Case ref"],
  "when": { "date": "Date reported", "format": "dd-Mon-yy", "time": { "kind": "column", "column": "Time" } },
  "position": { "kind": "lonlat", "lon": "Longitude", "lat": "Latitude" },
  "category": { "column": "Type", "map": {}, "default": "Anti-social behaviour" },
  "description": "Type",
  "address": "Location",
  "illustrative": true
}$json$::jsonb);
