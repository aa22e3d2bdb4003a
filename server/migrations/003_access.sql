-- Users, sessions, sign-in throttling and the audit trail (issue 3). See docs/access.md.

CREATE TABLE users (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email                 text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name                  text NOT NULL,
  role                  text NOT NULL CHECK (role IN ('admin', 'analyst', 'inspector', 'councillor')),
  password_hash         text NOT NULL,                 -- scrypt$N$r$p$salt$hash (base64url)
  must_change_password  boolean NOT NULL DEFAULT false,
  disabled              boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT now(),
  last_login_at         timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- A ward that disappears with new boundaries takes its assignments with it; the admin re-assigns the new ward.
CREATE TABLE councillor_wards (
  user_id    bigint NOT NULL REFERENCES users (id),
  ward_code  text NOT NULL REFERENCES wards (code) ON DELETE CASCADE,
  PRIMARY KEY (user_id, ward_code)
);

-- Only a digest of the session token is stored, so a copy of the database does not hand out live sessions.
CREATE TABLE sessions (
  token_hash    bytea PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users (id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,                 -- absolute expiry; idle expiry is checked against last_seen_at
  ip            text,
  user_agent    text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed sign-ins, for throttling per account and per address; kept apart from the audit log so it can be pruned.
CREATE TABLE login_failures (
  at     timestamptz NOT NULL DEFAULT now(),
  email  text NOT NULL,
  ip     text NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email, at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id     bigint REFERENCES users (id),
  actor_email  text,                                   -- as typed for failed sign-ins; null for the system
  action       text NOT NULL,
  target       text,
  ip           text,
  details      jsonb,
  before       jsonb,
  after        jsonb
);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_email, id);

-- The trail is evidence: no route edits it, and the database refuses to as well.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
