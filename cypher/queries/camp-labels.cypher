// name: camp-labels
// answers: For Browser styling: gives every node that has a `faction` (written by `bloc factions --write-back`) the label Camp<faction> (CampA, CampB, ...) and takes stale Camp labels off, so that cypher/bloc.grass colors the camps. Writes: run it with --write.
// writes: yes
// example: bloc query camp-labels --write
// browser: :params {}
//
// Browser's style sheet (GraSS) colors by label, not by property value, hence the
// labels. bloc reads only its own labels (Person, Party, ...), so these extra
// labels change nothing for loads, look-ups or analyses; a later load keeps them.
// Needs Neo4j 5.26 or later (dynamic labels).
MATCH (n)
WHERE n.faction IS NOT NULL OR any(l IN labels(n) WHERE l STARTS WITH 'Camp')
WITH n, [l IN labels(n) WHERE l STARTS WITH 'Camp'] AS stale,
     CASE WHEN n.faction IS NULL THEN null ELSE 'Camp' + toString(n.faction) END AS camp
FOREACH (l IN [x IN stale WHERE x <> camp] | REMOVE n:$(l))
FOREACH (l IN CASE WHEN camp IS NULL THEN [] ELSE [camp] END | SET n:$(l))
RETURN camp, count(n) AS nodes
ORDER BY camp
