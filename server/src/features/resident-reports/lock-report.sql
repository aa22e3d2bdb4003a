-- The report a decision is about, held until the decision commits, so two decisions on it are made one after the other.
SELECT * FROM resident_reports WHERE id = $1 FOR UPDATE
