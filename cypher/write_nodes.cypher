// Upsert nodes, one statement per label (a label cannot be a parameter).
// Each `// @Label` line names the statement below it. $rows is one batch, sent in
// one transaction: [{id: "mao-zedong", props: {name: ..., aliases: [...], ...}}].
// `props` holds every property of the model (graph.model.Node), the unset ones as
// null, so `+=` sets what the texts say and removes what they no longer say while
// leaving analysis results (faction, pagerank, ... written by write_properties) alone.

// @Person
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
SET n += row.props;

// @Party
UNWIND $rows AS row
MERGE (n:Party {id: row.id})
SET n += row.props;

// @State
UNWIND $rows AS row
MERGE (n:State {id: row.id})
SET n += row.props;

// @Organization
UNWIND $rows AS row
MERGE (n:Organization {id: row.id})
SET n += row.props;

// @Event
UNWIND $rows AS row
MERGE (n:Event {id: row.id})
SET n += row.props;

// @Document
UNWIND $rows AS row
MERGE (n:Document {id: row.id})
SET n += row.props;

// @Delegation
UNWIND $rows AS row
MERGE (n:Delegation {id: row.id})
SET n += row.props;

// @Source
UNWIND $rows AS row
MERGE (n:Source {id: row.id})
SET n += row.props;
