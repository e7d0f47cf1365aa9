// Upsert relationships, one statement per type (a type cannot be a parameter).
// Each `// @TYPE` line names the statement below it. $rows is one batch, sent in
// one transaction: [{from: id, to: id, key: "HEADED|enver-hoxha|delegation-...", props: {...}}].
// The ends are found by id under any of bloc's labels (the planner unions the
// per-label unique-index seeks); `key` is the relation's identity, so MERGE finds
// the relationship a previous load wrote and `+=` replaces its evidence lists
// (every property of graph.model.Relation.properties(), the unset ones as null).

// @LEADER_OF
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:LEADER_OF {key: row.key}]->(b)
SET r += row.props;

// @MEMBER_OF
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:MEMBER_OF {key: row.key}]->(b)
SET r += row.props;

// @PARTY_OF
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:PARTY_OF {key: row.key}]->(b)
SET r += row.props;

// @HEADED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:HEADED {key: row.key}]->(b)
SET r += row.props;

// @DELEGATE_IN
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:DELEGATE_IN {key: row.key}]->(b)
SET r += row.props;

// @REPRESENTED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:REPRESENTED {key: row.key}]->(b)
SET r += row.props;

// @ATTENDED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:ATTENDED {key: row.key}]->(b)
SET r += row.props;

// @SIGNED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:SIGNED {key: row.key}]->(b)
SET r += row.props;

// @REFUSED_TO_SIGN
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:REFUSED_TO_SIGN {key: row.key}]->(b)
SET r += row.props;

// @ADOPTED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:ADOPTED {key: row.key}]->(b)
SET r += row.props;

// @PART_OF
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:PART_OF {key: row.key}]->(b)
SET r += row.props;

// @SUCCEEDED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:SUCCEEDED {key: row.key}]->(b)
SET r += row.props;

// @SUPPORTED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:SUPPORTED {key: row.key}]->(b)
SET r += row.props;

// @ALLIED_WITH
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:ALLIED_WITH {key: row.key}]->(b)
SET r += row.props;

// @MET_WITH
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:MET_WITH {key: row.key}]->(b)
SET r += row.props;

// @OPPOSED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:OPPOSED {key: row.key}]->(b)
SET r += row.props;

// @CONDEMNED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:CONDEMNED {key: row.key}]->(b)
SET r += row.props;

// @SPLIT_WITH
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:SPLIT_WITH {key: row.key}]->(b)
SET r += row.props;

// @EXPELLED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:EXPELLED {key: row.key}]->(b)
SET r += row.props;

// @PURGED
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:PURGED {key: row.key}]->(b)
SET r += row.props;

// @INTERVENED_IN
UNWIND $rows AS row
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.from})
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation|Source {id: row.to})
MERGE (a)-[r:INTERVENED_IN {key: row.key}]->(b)
SET r += row.props;
