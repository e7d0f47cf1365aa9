// Delete every node and relationship of the database (constraints stay).
// Used by the tests and the Neo4j benchmark on a disposable server only.
MATCH (n) DETACH DELETE n
