-- Every ward's code, for a run over them all.
SELECT code FROM wards ORDER BY code
