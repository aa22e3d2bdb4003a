-- References given to more than one row of the file: each repeat is rejected, naming the row it repeats.
SELECT m.row_number, m.reference, first.row_number AS first_row
  FROM mapped_rows m
  JOIN LATERAL (SELECT min(o.row_number) AS row_number FROM mapped_rows o WHERE o.source_key = m.source_key) AS first ON true
 WHERE m.row_number > first.row_number
 ORDER BY m.row_number
 LIMIT $1
