-- The rows an edit compares against, locked until it commits, so two edits at once cannot both read the same "before".
SELECT category, weight FROM harm_weights ORDER BY category FOR UPDATE
