-- A camera, version 1; ON CONFLICT: the register already holds this owner's reference (the caller says so, or, for
-- an import, counts it as already held). Returns nothing on a conflict.
INSERT INTO cameras (owner, reference, name, location, stated_ward, type, status,
                     mounting_height_m, bearing_deg, fov_deg, range_m, radius_m,
                     type_assumed, height_assumed, bearing_assumed, fov_assumed, range_assumed, radius_assumed,
                     deployed_from, deployed_until, notes, illustrative, source, geom, created_by, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::date, $20::date, $21, $22, $23,
        ST_SetSRID(ST_MakePoint($24, $25), 4326), $26, $26)
ON CONFLICT (lower(owner), reference) DO NOTHING
RETURNING id::int
