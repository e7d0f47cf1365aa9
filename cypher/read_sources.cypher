// The facts each loaded text gave (JSON of graph.model.facts_to_dict) and the
// sha256 of the text they came from. A Source without facts is one whose load
// did not finish; the next load of that text completes it.
MATCH (s:Source)
WHERE s.facts IS NOT NULL
RETURN s.id AS id, s.sha256 AS sha256, s.facts AS facts
ORDER BY id
