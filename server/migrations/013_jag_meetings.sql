-- The JAG meeting (issue 13): migration 011 laid down jag_meetings minimal (date, agencies present); the meeting
-- feature (server/src/features/meetings/) adds what its pages show and what an edit needs. Agencies present are
-- recorded two ways: the teams present, from the admin-kept list (team_ids, so the minutes name them as tasks do),
-- and anyone else present in free text (agencies_present, 011's column: a residents' association, a councillor).
ALTER TABLE jag_meetings
  ADD COLUMN title       text NOT NULL DEFAULT 'JAG meeting' CHECK (length(title) BETWEEN 1 AND 200),
  ADD COLUMN chair       text NOT NULL DEFAULT '' CHECK (length(chair) <= 200),
  ADD COLUMN notes       text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
  -- Teams present (teams.id); no foreign key on an array: the route checks them before a write.
  ADD COLUMN team_ids    bigint[] NOT NULL DEFAULT '{}' CHECK (cardinality(team_ids) <= 50),
  -- Optimistic concurrency, as tasks: an edit names the version it was made on.
  ADD COLUMN version     integer NOT NULL DEFAULT 1,
  ADD COLUMN created_by  bigint REFERENCES users (id),
  ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN updated_by  bigint REFERENCES users (id);
ALTER TABLE jag_meetings ADD CONSTRAINT jag_meetings_others_check CHECK (cardinality(agencies_present) <= 50);
CREATE INDEX jag_meetings_held_idx ON jag_meetings (held_on DESC, id DESC);

-- The minutes and task sheets read a meeting's tasks.
CREATE INDEX tasks_meeting_idx ON tasks (meeting_id) WHERE meeting_id IS NOT NULL;
