-- Harm weights (issue 4): how much each category's incident counts for when an analysis runs on harm instead of
-- counts. Data, not code: the server loads geodata/harm-weights/harm-weights.csv for any category without a weight
-- (an analyst's edit is never overwritten), analysts edit them through PUT /api/harm-weights, and every change is in
-- the audit trail with its before and after.
CREATE TABLE harm_weights (
  category        text PRIMARY KEY REFERENCES incident_categories (name),
  weight          float8 NOT NULL CHECK (weight >= 0 AND weight <= 100000),
  -- The bundled default and where it comes from, refreshed from the data file at every start, for "reset" and display.
  default_weight  float8 NOT NULL CHECK (default_weight >= 0 AND default_weight <= 100000),
  basis           text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text                                   -- email of the last editor; null: the bundled default
);
