// name: shortest-path
// answers: The shortest chain of relationships between two actors (e.g. two leaders), step by step with the quote for each step.
// param: from  the first actor: its id, name or an alias (case ignored), e.g. "enver-hoxha"
// param: to  the second actor, e.g. "Władysław Gomułka"
// example: bloc query shortest-path --param from="Enver Hoxha" --param to="Palmiro Togliatti"
// browser: :params {from: "enver-hoxha", to: "palmiro-togliatti"}
//
// Directions are ignored when searching (and shown in the result); at most 8 steps.
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation)
WHERE a.id = $from OR toLower(a.name) = toLower($from) OR any(x IN a.aliases WHERE toLower(x) = toLower($from))
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation)
WHERE b <> a
  AND (b.id = $to OR toLower(b.name) = toLower($to) OR any(x IN b.aliases WHERE toLower(x) = toLower($to)))
MATCH p = shortestPath((a)-[*..8]-(b))
WITH p ORDER BY length(p) LIMIT 1
UNWIND range(0, length(p) - 1) AS i
WITH i, nodes(p)[i] AS x, relationships(p)[i] AS r, nodes(p)[i + 1] AS y
RETURN i + 1 AS step,
       x.name AS from,
       CASE WHEN startNode(r) = x THEN type(r) + ' ->' ELSE '<- ' + type(r) END AS relationship,
       y.name AS to,
       r.quote AS quote,
       r.source AS source
ORDER BY step
