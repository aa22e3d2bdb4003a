-- JAG tasking (issue 13), the server's core: the teams tasks go to, the officer role, JAG meetings (minimal), tasks with
-- their area, key times and dosage, the wards each task area lies in, and patrol visits. server/src/features/tasks/
-- and server/src/features/teams/ own the design; docs/access.md the roles.

-- Officers: police or council officers, PCSOs, partner staff who see their own tasks and record visits.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'analyst', 'inspector', 'councillor', 'officer'));

-- The partnership's teams, kept by admins. Retired rather than deleted: old tasks and visits still name them.
-- agency: features/teams/agencies.ts lists the kinds.
CREATE TABLE teams (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  agency      text NOT NULL CHECK (agency IN ('police', 'council', 'housing', 'youth', 'fire', 'health', 'other')),
  retired     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));
INSERT INTO teams (name, agency) VALUES
  ('Police neighbourhood team', 'police'),
  ('Council enforcement', 'council'),
  ('Housing provider', 'housing'),
  ('Youth service', 'youth'),
  ('Fire and rescue', 'fire');

-- An officer's team: what they see besides the tasks that name them.
ALTER TABLE users ADD COLUMN team_id bigint REFERENCES teams (id);

-- The meeting that set a task. Minimal here: the agenda and minutes come with the meeting feature.
CREATE TABLE jag_meetings (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  held_on           date NOT NULL,
  agencies_present  text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title                   text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  problem                 text NOT NULL DEFAULT '',
  -- incident_categories ids, as the count tables are keyed; empty: every category.
  category_ids            smallint[] NOT NULL DEFAULT '{}',
  -- Key times: 168 bits, bit (weekday × 24 + hour) set for a key hour, weekday Monday = 0 … Sunday = 6, hours 0–23
  -- of Europe/London local time. Painted by hand for now; a later issue suggests them from timed sources.
  key_times               bit(168) NOT NULL DEFAULT repeat('0', 168)::bit(168),
  lead_team_id            bigint REFERENCES teams (id),
  dosage_visits_per_week  integer NOT NULL CHECK (dosage_visits_per_week BETWEEN 0 AND 168),
  -- Koper (1995): stops of 10–15 minutes give the longest residual deterrence.
  dosage_minutes          integer NOT NULL DEFAULT 15 CHECK (dosage_minutes BETWEEN 1 AND 480),
  start_date              date NOT NULL,
  end_date                date NOT NULL CHECK (end_date >= start_date),
  meeting_id              bigint REFERENCES jag_meetings (id),
  pop_id                  bigint,                    -- the POP register comes later; no foreign key until it exists
  status                  text NOT NULL DEFAULT 'proposed'
                            CHECK (status IN ('proposed', 'tasked', 'in_progress', 'completed', 'escalated', 'closed')),
  outcome                 text,
  CHECK (status <> 'closed' OR coalesce(length(outcome), 0) > 0),
  version                 integer NOT NULL DEFAULT 1,
  -- The area. source: how it was made; cells (with cells_res) when it came from H3 cells; source_ward when it is a ward.
  geom                    geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  -- On the spheroid, kept with the shape: measured per read it was most of the task list's time.
  area_km2                float8 GENERATED ALWAYS AS (ST_Area(geom::geography) / 1e6) STORED,
  source                  text NOT NULL CHECK (source IN ('problem-location', 'cells', 'polygon', 'ward')),
  cells                   text[],
  cells_res               smallint CHECK (cells_res BETWEEN 0 AND 15),
  CHECK ((source IN ('problem-location', 'cells')) = (cells IS NOT NULL AND cells_res IS NOT NULL)),
  source_ward             text,
  CHECK ((source = 'ward') = (source_ward IS NOT NULL)),
  created_at              timestamptz NOT NULL DEFAULT now(),
  created_by              bigint REFERENCES users (id),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  updated_by              bigint REFERENCES users (id)
);
CREATE INDEX tasks_status_idx ON tasks (status);
CREATE INDEX tasks_team_idx ON tasks (lead_team_id);
CREATE INDEX tasks_geom_idx ON tasks USING gist (geom);

CREATE TABLE task_officers (
  task_id  bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  user_id  bigint NOT NULL REFERENCES users (id),
  PRIMARY KEY (task_id, user_id)
);
CREATE INDEX task_officers_user_idx ON task_officers (user_id);

-- The wards a task's area lies in, with the share of the area in each. Derived, never edited: filled by
-- set_task_wards() when a task's area is written, and again for every task when ward boundaries change (the triggers
-- on ward_parts below), so it always matches the wards held.
CREATE TABLE task_wards (
  task_id    bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  ward_code  text NOT NULL REFERENCES wards (code) ON DELETE CASCADE,
  share      float8 NOT NULL CHECK (share > 0 AND share <= 1.000001),
  PRIMARY KEY (task_id, ward_code)
);
CREATE INDEX task_wards_ward_idx ON task_wards (ward_code);

-- A ward is one of an area's wards when at least 0.1% of the area lies in it: a shared edge (a ward task and its
-- neighbours, which meet along the boundary) has no area, and the generalised boundaries' slivers are far below it.
-- Shares are of planar area in EPSG:4326, which for a ratio within a few kilometres is the share of ground area.
CREATE FUNCTION area_ward_shares(area geometry) RETURNS TABLE (ward_code text, share float8)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT s.ward_code, s.share
    FROM (SELECT wp.ward_code, sum(ST_Area(ST_Intersection(wp.geom, area))) / ST_Area(area) AS share
            FROM patrolmap.ward_parts wp
           WHERE ST_Intersects(wp.geom, area)
           GROUP BY wp.ward_code) AS s
   WHERE s.share >= 0.001
$$;

-- Fills task_wards for the tasks given (null: every task).
CREATE FUNCTION set_task_wards(task_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM patrolmap.task_wards WHERE task_ids IS NULL OR task_id = ANY (task_ids);
  INSERT INTO patrolmap.task_wards (task_id, ward_code, share)
  SELECT t.id, s.ward_code, least(s.share, 1)
    FROM patrolmap.tasks t
   CROSS JOIN LATERAL patrolmap.area_ward_shares(t.geom) s
   WHERE task_ids IS NULL OR t.id = ANY (task_ids);
$$;

CREATE FUNCTION ward_parts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM patrolmap.set_task_wards(NULL);
  RETURN NULL;
END
$$;
CREATE TRIGGER ward_parts_task_wards AFTER INSERT OR DELETE ON ward_parts
  FOR EACH STATEMENT EXECUTE FUNCTION ward_parts_changed();

-- Patrol visits. idempotency_key: chosen by the device that records the visit, so a resend after a lost answer is
-- recorded once. outside_area: the visit's point, when given, lies outside the task area (more than 25 m, the
-- accuracy a phone's GPS usually reaches in a street).
CREATE TABLE task_visits (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id          bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  idempotency_key  text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 100),
  visit_date       date NOT NULL,
  start_time       time NOT NULL,
  minutes          integer NOT NULL CHECK (minutes BETWEEN 1 AND 720),
  -- Counts of what the patrol did, by kind (features/tasks/visit-actions.ts lists the kinds).
  actions          jsonb NOT NULL DEFAULT '{}',
  notes            text NOT NULL DEFAULT '',
  geom             geometry(Point, 4326),
  outside_area     boolean,
  CHECK ((geom IS NULL) = (outside_area IS NULL)),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  recorded_by      bigint REFERENCES users (id)
);
CREATE INDEX task_visits_task_idx ON task_visits (task_id, visit_date);

CREATE TABLE task_visit_officers (
  visit_id  bigint NOT NULL REFERENCES task_visits (id) ON DELETE CASCADE,
  user_id   bigint NOT NULL REFERENCES users (id),
  PRIMARY KEY (visit_id, user_id)
);
