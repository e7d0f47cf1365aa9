// Remove relationships that the texts no longer state (a text was replaced).
// $rows: [{from: id, key: key}]; only relationships that bloc wrote carry a key.
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})-[r]->()
WHERE r.key = row.key
DELETE r
