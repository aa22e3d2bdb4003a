-- Serialises attempts on one account ($1) and on one address ($2), across server processes, until the transaction
-- ends: the count that follows then sees every attempt before it. Account first, then address, in every transaction,
-- so two attempts can never wait on each other's lock.
SELECT pg_advisory_xact_lock(hashtext('patrolmap.sign-in.account'), hashtext($1)),
       pg_advisory_xact_lock(hashtext('patrolmap.sign-in.address'), hashtext($2))
