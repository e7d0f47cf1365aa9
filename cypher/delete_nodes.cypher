// Remove nodes that no text names any more, or whose label changed (the node is
// written again under its new label). $rows: [{id, label}].
UNWIND $rows AS row
MATCH (n:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.id})
WHERE row.label IN labels(n)
DETACH DELETE n
