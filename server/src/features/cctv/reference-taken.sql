-- Another camera with this owner's reference (owners compared in any case, as the unique index does).
SELECT id::int FROM cameras WHERE lower(owner) = lower($1) AND reference = $2 AND id <> coalesce($3::bigint, 0)
