-- Timed incident sources (issue 15): council and police logs with dates, times and precise positions, read through a
-- column mapping saved as a named profile. server/src/features/import/mapped/ reads them; decision 0011 says how.

-- A profile: which column holds what, and how a source's categories become Patrolmap's. The mapping's shape is
-- import/mapped/profile-schema.ts's ProfileMapping, checked by the API and the importer; the database keeps it whole.
CREATE TABLE import_profiles (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  mapping     jsonb NOT NULL,
  -- Shipped with Patrolmap (the two real logs, the illustrative one): editable, but they say so.
  shipped     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT import_profiles_name_key UNIQUE (name)
);

-- What a mapped row carries that a police.uk row does not. The reference is the log's own (the key is its digest),
-- the description the log's free text, the stated ward a ward code the log gives a row it has no position for (kept
-- as given: such a row has no point, so it counts as "without a location" until it is placed).
ALTER TABLE incidents ADD COLUMN reference text;
ALTER TABLE incidents ADD COLUMN description text;
ALTER TABLE incidents ADD COLUMN stated_ward_code text;

-- A mapped import looks its source's rows up by key (to add, change and remove them): police.uk's rows, nearly all
-- of them, are left out of the index, so the police import pays nothing for it.
CREATE INDEX incidents_mapped_key ON incidents (source, source_key) WHERE source <> 'police.uk';

ALTER TABLE import_batches DROP CONSTRAINT import_batches_kind_check;
ALTER TABLE import_batches ADD CONSTRAINT import_batches_kind_check
  CHECK (kind IN ('police-uk-csv', 'ward-geojson', 'council-geojson', 'mapped-csv'));
ALTER TABLE import_batches ADD COLUMN profile_id bigint REFERENCES import_profiles (id);
-- A corrected re-export changes and removes rows as well as adding them; rows placed outside every loaded ward are
-- kept and said.
ALTER TABLE import_batches ADD COLUMN rows_changed integer NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN rows_removed integer NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN rows_outside integer NOT NULL DEFAULT 0;

-- The shipped profiles for the two real logs in geodata/timed/ (geodata/SOURCES.md). Their categories map onto
-- Patrolmap's existing categories, which have harm weights (decision 0011 says why no new category is added).
INSERT INTO import_profiles (name, title, shipped, mapping) VALUES
('banes-environmental-protection', 'Bath & North East Somerset environmental protection requests', true, $json${
  "source": "BANES environmental protection",
  "reference": ["Ref"],
  "when": { "date": "ReceivedDate", "format": "dd/mm/yyyy", "time": { "kind": "in-date" } },
  "position": { "kind": "lonlat", "lon": "Longitude", "lat": "Latitude" },
  "category": {
    "column": "Type",
    "map": {
      "Noise complaint": "Anti-social behaviour",
      "Nuisance (excluding noise & pollution)": "Anti-social behaviour",
      "Community Trigger": "Anti-social behaviour",
      "Bonfires": "Anti-social behaviour",
      "Light pollution": "Anti-social behaviour",
      "Odour/Fumes": "Anti-social behaviour",
      "General (non-noise) complaint": "Anti-social behaviour",
      "Accumulations (including refuse & litter": "Anti-social behaviour"
    },
    "default": "Anti-social behaviour"
  },
  "description": "Type",
  "address": "Location",
  "illustrative": false
}$json$::jsonb),
('edinburgh-collisions', 'City of Edinburgh injury road collisions', true, $json${
  "source": "Edinburgh road collisions",
  "reference": ["acc_ref"],
  "when": { "date": "a_date", "format": "dd/mm/yyyy", "time": { "kind": "hour-minute", "hourColumn": "a_time_hr", "minuteColumn": "a_time_min" } },
  "position": { "kind": "bng", "easting": "easting", "northing": "northing" },
  "category": { "column": "severity", "map": {}, "default": "Other crime" },
  "description": "acc_type",
  "address": "Postcode",
  "illustrative": false
}$json$::jsonb);

-- The rollups count months (point_month_counts, ward_month_counts: every reader groups their period_start as a month
-- start). police.uk's rows start at a month; a timed row starts at its minute or day, so the count triggers now count
-- it under its London month's start. Month rows pass through untouched (no date arithmetic for the police import).
-- Otherwise migration 009's function as it was.
CREATE OR REPLACE FUNCTION count_incident_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT location_id, CASE WHEN period_precision = ''month'' THEN period_start ELSE date_trunc(''month'', period_start, ''Europe/London'') END AS period_start, category, location_text, 1 AS n FROM added_incidents'
    WHEN 'DELETE' THEN 'SELECT location_id, CASE WHEN period_precision = ''month'' THEN period_start ELSE date_trunc(''month'', period_start, ''Europe/London'') END AS period_start, category, location_text, -1 AS n FROM removed_incidents'
    ELSE 'SELECT location_id, CASE WHEN period_precision = ''month'' THEN period_start ELSE date_trunc(''month'', period_start, ''Europe/London'') END AS period_start, category, location_text, 1 AS n FROM added_incidents
          UNION ALL SELECT location_id, CASE WHEN period_precision = ''month'' THEN period_start ELSE date_trunc(''month'', period_start, ''Europe/London'') END AS period_start, category, location_text, -1 FROM removed_incidents' END;

  -- A category seen for the first time gets the next id (its own statement: the counting one must see it).
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO patrolmap.incident_categories (id, name)
    SELECT (SELECT coalesce(max(id), 0) FROM patrolmap.incident_categories) + row_number() OVER (ORDER BY found.category), found.category
      FROM (SELECT DISTINCT category FROM added_incidents) AS found
     WHERE NOT EXISTS (SELECT 1 FROM patrolmap.incident_categories k WHERE k.name = found.category);
  END IF;

  EXECUTE format($sql$
    WITH delta AS MATERIALIZED (
      SELECT c.location_id, c.period_start, k.id AS category_id, c.location_text, sum(c.n)::int AS n
        FROM (%s) AS c
        JOIN patrolmap.incident_categories k ON k.name = c.category
       GROUP BY c.location_id, c.period_start, k.id, c.location_text
      HAVING sum(c.n) <> 0
    ), points AS (
      INSERT INTO patrolmap.point_month_counts (location_id, period_start, category_id, location_text, incidents)
      SELECT d.location_id, d.period_start, d.category_id, d.location_text, d.n
        FROM delta d
       WHERE d.location_id IS NOT NULL
    ), wards AS (
      INSERT INTO patrolmap.ward_month_counts (ward_code, has_location, period_start, category_id, incidents)
      SELECT l.ward_code, d.location_id IS NOT NULL, d.period_start, d.category_id, sum(d.n)::int
        FROM delta d
        LEFT JOIN patrolmap.locations l ON l.id = d.location_id
       GROUP BY 1, 2, 3, 4
      HAVING sum(d.n) <> 0
    ), places AS (
      INSERT INTO patrolmap.location_counts (location_id, category_id, incidents)
      SELECT d.location_id, coalesce(d.category_id, 0), sum(d.n)::int
        FROM delta d
       WHERE d.location_id IS NOT NULL
       GROUP BY GROUPING SETS ((d.category_id, d.location_id), (d.location_id))
      HAVING sum(d.n) <> 0
    )
    UPDATE patrolmap.count_version SET version = version + 1 WHERE single AND EXISTS (SELECT FROM delta)
  $sql$, changes);
  RETURN NULL;
END
$$;
