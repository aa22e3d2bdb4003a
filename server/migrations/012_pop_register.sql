-- The POP register (issue 13): problems registered for sustained problem-oriented policing, owned by an inspector,
-- worked through the SARA stages, reviewed on a date, with a dated log of notes and decisions. A POP's area is made
-- the way a task's is (server/src/features/tasks/task-area.ts); server/src/features/pops/ owns the rest.

CREATE TABLE pops (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  problem           text NOT NULL DEFAULT '',
  -- An enabled inspector when set (checked by the route, as a task's named officers are).
  owner_id          bigint NOT NULL REFERENCES users (id),
  -- The partner teams working it (teams kept by admins).
  partner_team_ids  bigint[] NOT NULL DEFAULT '{}',
  sara_stage        text NOT NULL DEFAULT 'scanning' CHECK (sara_stage IN ('scanning', 'analysis', 'response', 'assessment')),
  review_on         date NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_reason     text,
  CHECK (status <> 'closed' OR coalesce(length(closed_reason), 0) > 0),
  version           integer NOT NULL DEFAULT 1,
  geom              geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  area_km2          float8 GENERATED ALWAYS AS (ST_Area(geom::geography) / 1e6) STORED,
  source            text NOT NULL CHECK (source IN ('problem-location', 'cells', 'polygon', 'ward')),
  cells             text[],
  cells_res         smallint CHECK (cells_res BETWEEN 0 AND 15),
  CHECK ((source IN ('problem-location', 'cells')) = (cells IS NOT NULL AND cells_res IS NOT NULL)),
  source_ward       text,
  CHECK ((source = 'ward') = (source_ward IS NOT NULL)),
  created_at        timestamptz NOT NULL DEFAULT now(),
  created_by        bigint REFERENCES users (id),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        bigint REFERENCES users (id)
);
CREATE INDEX pops_review_idx ON pops (review_on) WHERE status = 'open';
CREATE INDEX pops_geom_idx ON pops USING gist (geom);
-- "Register this ward as a POP" twice makes one open POP, not two.
CREATE UNIQUE INDEX pops_open_ward_key ON pops (source_ward) WHERE status = 'open' AND source = 'ward';

-- The wards a POP's area lies in: derived as task_wards is, by the same rule.
CREATE TABLE pop_wards (
  pop_id     bigint NOT NULL REFERENCES pops (id) ON DELETE CASCADE,
  ward_code  text NOT NULL REFERENCES wards (code) ON DELETE CASCADE,
  share      float8 NOT NULL CHECK (share > 0 AND share <= 1.000001),
  PRIMARY KEY (pop_id, ward_code)
);
CREATE INDEX pop_wards_ward_idx ON pop_wards (ward_code);

CREATE FUNCTION set_pop_wards(pop_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM patrolmap.pop_wards WHERE pop_ids IS NULL OR pop_id = ANY (pop_ids);
  INSERT INTO patrolmap.pop_wards (pop_id, ward_code, share)
  SELECT p.id, s.ward_code, least(s.share, 1)
    FROM patrolmap.pops p
   CROSS JOIN LATERAL patrolmap.area_ward_shares(p.geom) s
   WHERE pop_ids IS NULL OR p.id = ANY (pop_ids);
$$;

CREATE OR REPLACE FUNCTION ward_parts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM patrolmap.set_task_wards(NULL);
  PERFORM patrolmap.set_pop_wards(NULL);
  RETURN NULL;
END
$$;

-- The dated log: what was noted and decided, by whom. Entries are never edited (a correction is a new entry).
CREATE TABLE pop_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pop_id      bigint NOT NULL REFERENCES pops (id) ON DELETE CASCADE,
  entry_date  date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('note', 'decision')),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  author_id   bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pop_log_pop_idx ON pop_log (pop_id, entry_date);

-- Linked tasks: a task names at most one POP.
ALTER TABLE tasks ADD CONSTRAINT tasks_pop_fk FOREIGN KEY (pop_id) REFERENCES pops (id);
CREATE INDEX tasks_pop_idx ON tasks (pop_id) WHERE pop_id IS NOT NULL;
