-- New block ranges are unsummarised, and a BRIN scan reads every unsummarised range; summarising a file's few new
-- ranges keeps the next file's key lookup from reading all rows added since the last vacuum.
SELECT brin_summarize_new_values('incidents_period_brin')
