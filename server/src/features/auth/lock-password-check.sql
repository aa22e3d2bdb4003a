-- Serialises current-password checks of one session ($1, the token digest), across server processes, until the
-- transaction ends.
SELECT pg_advisory_xact_lock(hashtext('patrolmap.password-check'), hashtext(encode($1, 'hex')))
