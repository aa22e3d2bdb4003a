-- The cameras holding any of these references, with their owners: an activity file names cameras by reference.
SELECT id::int, owner, reference FROM cameras WHERE reference = ANY ($1::text[])
