-- Whether a team exists and is retired ($1 id).
SELECT retired FROM teams WHERE id = $1
