// Analysis results as node properties (faction, pagerank, ...), for Browser
// styling and for Cypher. A load never touches them. $rows: [{id, props}].
UNWIND $rows AS row
MATCH (n:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.id})
SET n += row.props
RETURN count(n) AS touched
