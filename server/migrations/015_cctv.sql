-- CCTV (issue 14): the camera register, where redeployable cameras stood, their monthly activity, building footprints
-- that block a camera's view, and each camera's view as a polygon. server/src/features/cctv/ owns the rest;
-- docs/decisions/0010-cctv.md says why it is built this way.

-- The view parameters a camera of each type is given when its register says nothing (the Trafford register, like
-- most councils', gives positions only). Data, not code: an analyst tunes them (PUT /api/cctv/defaults) and the
-- cameras still on an assumed value follow; every camera value taken from here is flagged assumed.
CREATE TABLE camera_type_defaults (
  type               text PRIMARY KEY CHECK (type IN ('fixed', 'ptz', 'redeployable', 'drone')),
  mounting_height_m  float8 NOT NULL CHECK (mounting_height_m >= 0 AND mounting_height_m <= 500),
  bearing_deg        float8 NOT NULL CHECK (bearing_deg >= 0 AND bearing_deg < 360),
  fov_deg            float8 NOT NULL CHECK (fov_deg > 0 AND fov_deg <= 360),
  range_m            float8 NOT NULL CHECK (range_m > 0 AND range_m <= 5000),
  radius_m           float8 NOT NULL CHECK (radius_m > 0 AND radius_m <= 20000),
  basis              text NOT NULL,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         text
);
INSERT INTO camera_type_defaults (type, mounting_height_m, bearing_deg, fov_deg, range_m, radius_m, basis) VALUES
  ('fixed', 6, 0, 60, 60, 60, 'a street column camera with a general-purpose lens: about 60° across, people recognisable to about 60 m; facing north when unknown'),
  ('ptz', 8, 0, 360, 100, 100, 'a pan-tilt-zoom dome: turns all the way round; an operator can follow a person to about 100 m'),
  ('redeployable', 5, 0, 90, 60, 60, 'a temporary camera on a lamp column or mast: a wide lens, about 90° across, to about 60 m'),
  ('drone', 120, 0, 360, 500, 500, 'a drone flown within sight of its pilot: about 500 m from its base, at up to 120 m (the UK open-category height limit)');

CREATE TABLE cameras (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Who runs it (a council, a housing provider, the police); with the reference, what makes a register row one camera.
  owner              text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  reference          text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  location           text NOT NULL DEFAULT '',
  -- The ward the source register names, as it names it (another council's wards need not be loaded here).
  stated_ward        text,
  type               text NOT NULL CHECK (type IN ('fixed', 'ptz', 'redeployable', 'drone')),
  status             text NOT NULL DEFAULT 'working' CHECK (status IN ('working', 'faulty', 'removed')),
  mounting_height_m  float8 NOT NULL CHECK (mounting_height_m >= 0 AND mounting_height_m <= 500),
  -- Degrees clockwise from true north.
  bearing_deg        float8 NOT NULL CHECK (bearing_deg >= 0 AND bearing_deg < 360),
  fov_deg            float8 NOT NULL CHECK (fov_deg > 0 AND fov_deg <= 360),
  range_m            float8 NOT NULL CHECK (range_m > 0 AND range_m <= 5000),
  -- A drone's operating radius from its base; other types keep the default, unused.
  radius_m           float8 NOT NULL CHECK (radius_m > 0 AND radius_m <= 20000),
  -- Which values came from camera_type_defaults rather than the register or an analyst.
  type_assumed       boolean NOT NULL DEFAULT false,
  height_assumed     boolean NOT NULL DEFAULT false,
  bearing_assumed    boolean NOT NULL DEFAULT false,
  fov_assumed        boolean NOT NULL DEFAULT false,
  range_assumed      boolean NOT NULL DEFAULT false,
  radius_assumed     boolean NOT NULL DEFAULT false,
  deployed_from      date,
  deployed_until     date CHECK (deployed_until IS NULL OR deployed_from IS NULL OR deployed_until >= deployed_from),
  notes              text NOT NULL DEFAULT '',
  -- Made up for a demonstration (scripts/make-illustrative-cctv.ts), not a real camera: shown as such everywhere.
  illustrative       boolean NOT NULL DEFAULT false,
  source             text NOT NULL DEFAULT 'manual',
  geom               geometry(Point, 4326) NOT NULL,
  -- Derived, never written by the API: the ward holding the camera (ward_for_point), and what it sees (camera_sight).
  ward_code          text,
  view_geom          geometry(MultiPolygon, 4326),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  created_by         bigint REFERENCES users (id),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         bigint REFERENCES users (id)
);
CREATE UNIQUE INDEX cameras_reference_key ON cameras (lower(owner), reference);
CREATE INDEX cameras_view_idx ON cameras USING gist (view_geom) WHERE status = 'working';
CREATE INDEX cameras_geom_idx ON cameras USING gist (geom);
CREATE INDEX cameras_ward_idx ON cameras (ward_code);

-- Where a redeployable camera or a drone's base stood, and when: one open row (until null) for where it is now.
CREATE TABLE camera_positions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  camera_id    bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  geom         geometry(Point, 4326) NOT NULL,
  bearing_deg  float8 NOT NULL CHECK (bearing_deg >= 0 AND bearing_deg < 360),
  location     text NOT NULL DEFAULT '',
  from_date    date NOT NULL,
  until_date   date CHECK (until_date IS NULL OR until_date >= from_date),
  reason       text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   bigint REFERENCES users (id)
);
CREATE INDEX camera_positions_camera_idx ON camera_positions (camera_id, from_date);
CREATE UNIQUE INDEX camera_positions_open_key ON camera_positions (camera_id) WHERE until_date IS NULL;

-- What each camera did per month, as partnerships report it.
CREATE TABLE camera_activity (
  camera_id          bigint NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
  month              date NOT NULL CHECK (extract(day FROM month) = 1),
  incidents_spotted  integer NOT NULL CHECK (incidents_spotted BETWEEN 0 AND 100000),
  assisted_arrests   integer NOT NULL CHECK (assisted_arrests BETWEEN 0 AND 100000),
  footage_requests   integer NOT NULL CHECK (footage_requests BETWEEN 0 AND 100000),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         bigint REFERENCES users (id),
  PRIMARY KEY (camera_id, month)
);

-- Building footprints (GeoJSON, loaded as one layer): a camera does not see through them.
CREATE TABLE camera_buildings (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  geom  geometry(Polygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))
);
CREATE INDEX camera_buildings_geom_idx ON camera_buildings USING gist (geom);

-- A camera's unobstructed view in British National Grid metres (EPSG:27700): the sector bearing ± fov/2 out to range,
-- or, for a PTZ camera, the circle it can turn to, or a drone's circle of its radius. The arc's points are placed on
-- the spheroid (ST_Project: true bearings and distances in metres) every 3° at most and the shape is then planar in
-- metres, so the building shadows below are cut with plain planar geometry.
CREATE FUNCTION camera_view_bng(kind text, pt geometry, bearing float8, fov float8, range_m float8, radius_m float8) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH shape AS (
    SELECT CASE WHEN kind = 'drone' THEN radius_m ELSE range_m END AS reach,
           CASE WHEN kind IN ('ptz', 'drone') OR fov >= 360 THEN 360 ELSE fov END AS width
  ), arc AS (
    SELECT i, ST_Transform(ST_Project(pt::geography, s.reach, radians(bearing - s.width / 2 + s.width * i / n))::geometry, 27700) AS corner
      FROM shape s
     CROSS JOIN LATERAL (SELECT greatest(2, ceil(s.width / 3))::int AS n) AS steps
     -- A circle's last corner would be its first again, but not to the last bit: it is left out and the first reused.
     CROSS JOIN LATERAL generate_series(0, CASE WHEN s.width >= 360 THEN steps.n - 1 ELSE steps.n END) AS i
  )
  SELECT CASE WHEN (SELECT width FROM shape) >= 360
              THEN ST_MakePolygon(ST_AddPoint(ST_MakeLine(array_agg(corner ORDER BY i)), (array_agg(corner ORDER BY i))[1]))
              ELSE ST_MakePolygon(ST_MakeLine(ST_Transform(pt, 27700) || array_agg(corner ORDER BY i) || ST_Transform(pt, 27700)))
         END
    FROM arc
$$;

-- What a footprint hides from a viewpoint, both in EPSG:27700: the footprint itself and, behind each of its edges, the
-- quadrilateral between the edge and the edge pushed out along the sight lines to `reach` metres. Their union is the
-- footprint's exact 2-D shadow (any point behind it is behind one of its edges). reach must be at least four times
-- the view's range: an edge seen under up to 150° still throws its shadow past the range.
CREATE FUNCTION building_shadow(viewpoint geometry, footprint geometry, reach float8) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH edges AS (
    SELECT ST_StartPoint(s.geom) AS a, ST_EndPoint(s.geom) AS b FROM ST_DumpSegments(footprint) AS s
  ), pushed AS (
    SELECT a, b,
           ST_Translate(viewpoint, (ST_X(a) - ST_X(viewpoint)) * reach / greatest(ST_Distance(viewpoint, a), 0.01),
                                   (ST_Y(a) - ST_Y(viewpoint)) * reach / greatest(ST_Distance(viewpoint, a), 0.01)) AS far_a,
           ST_Translate(viewpoint, (ST_X(b) - ST_X(viewpoint)) * reach / greatest(ST_Distance(viewpoint, b), 0.01),
                                   (ST_Y(b) - ST_Y(viewpoint)) * reach / greatest(ST_Distance(viewpoint, b), 0.01)) AS far_b
      FROM edges
  )
  SELECT ST_Union(array_append(array_agg(ST_MakeValid(ST_MakePolygon(ST_MakeLine(ARRAY[a, b, far_b, far_a, a])))), footprint))
    FROM pushed
$$;

-- What a camera sees (EPSG:4326): its view less the shadows of the buildings in it. A footprint within 1 m of the
-- camera is the building it is mounted on and hides nothing (the camera looks out from its wall).
CREATE FUNCTION camera_sight(kind text, pt geometry, bearing float8, fov float8, range_m float8, radius_m float8) RETURNS geometry
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH v AS (
    SELECT patrolmap.camera_view_bng(kind, pt, bearing, fov, range_m, radius_m) AS shape, ST_Transform(pt, 27700) AS p,
           4 * CASE WHEN kind = 'drone' THEN radius_m ELSE range_m END + 10 AS reach
  ), blocked AS (
    SELECT ST_Union(patrolmap.building_shadow(v.p, ST_Transform(b.geom, 27700), v.reach)) AS shadow
      FROM v
      JOIN patrolmap.camera_buildings b ON b.geom && ST_Transform(ST_Envelope(v.shape), 4326)
     WHERE ST_Intersects(ST_Transform(b.geom, 27700), v.shape)
       AND NOT ST_DWithin(ST_Transform(b.geom, 27700), v.p, 1)
  )
  SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(
           CASE WHEN blocked.shadow IS NULL THEN v.shape ELSE ST_Difference(v.shape, blocked.shadow) END, 4326)), 3))
    FROM v, blocked
$$;

-- A camera's ward and view follow its position and view parameters, in the same statement that changes them.
CREATE FUNCTION camera_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom THEN
    NEW.ward_code := (SELECT w.ward_code FROM patrolmap.ward_for_point(NEW.geom) w);
  END IF;
  NEW.view_geom := patrolmap.camera_sight(NEW.type, NEW.geom, NEW.bearing_deg, NEW.fov_deg, NEW.range_m, NEW.radius_m);
  RETURN NEW;
END
$$;
CREATE TRIGGER cameras_derived BEFORE INSERT OR UPDATE OF geom, type, bearing_deg, fov_deg, range_m, radius_m ON cameras
  FOR EACH ROW EXECUTE FUNCTION camera_derived();

-- New footprints change what cameras see; new ward boundaries, which ward holds them. Rewriting geom with itself
-- runs the row trigger above without changing the camera (its version and updated_at stay).
CREATE FUNCTION camera_buildings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE patrolmap.cameras SET bearing_deg = bearing_deg;
  RETURN NULL;
END
$$;
CREATE TRIGGER camera_buildings_views AFTER INSERT OR DELETE ON camera_buildings
  FOR EACH STATEMENT EXECUTE FUNCTION camera_buildings_changed();

CREATE FUNCTION camera_wards_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE patrolmap.cameras c SET ward_code = (SELECT w.ward_code FROM patrolmap.ward_for_point(c.geom) w);
  RETURN NULL;
END
$$;
CREATE TRIGGER ward_parts_camera_wards AFTER INSERT OR DELETE ON ward_parts
  FOR EACH STATEMENT EXECUTE FUNCTION camera_wards_changed();
