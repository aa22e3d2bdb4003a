-- Throttles count an attempt before its password hash (issue 11): a sign-in is recorded in login_failures when it
-- starts, removed again when it succeeds or is never checked (the server too busy to hash it), so concurrent guesses
-- see each other. An id names the one attempt to remove.
ALTER TABLE login_failures ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;

-- Wrong current passwords given to POST /api/auth/password, per session: kept apart from login_failures so a stolen
-- session's guesses throttle that session only and never lock the owner out of signing in. They end with the session.
CREATE TABLE password_check_failures (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  token_hash  bytea NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE
);
CREATE INDEX password_check_failures_session_idx ON password_check_failures (token_hash, at);
