// Every relationship between nodes of bloc's labels, with its ends' ids.
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source)-[r]->(b:Person|Party|State|Organization|Event|Document|Delegation|Source)
RETURN a.id AS from, b.id AS to, type(r) AS type, properties(r) AS props
