// Every node of bloc's labels with its properties, but not a Source's stored
// facts (a large JSON string that graph() and the load's diff do not need).
// `labels` keeps only bloc's labels, so a label a user adds for styling is ignored.
MATCH (n:Person|Party|State|Organization|Event|Document|Delegation|Source)
RETURN [l IN labels(n) WHERE l IN $labels] AS labels,
       n.id AS id,
       [k IN keys(n) WHERE k <> 'facts' | [k, n[k]]] AS props
