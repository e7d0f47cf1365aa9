// name: conflicts
// answers: Every conflict involving an actor (by default the Yugoslav party): each relationship of polarity -1 (OPPOSED, CONDEMNED, SPLIT_WITH, EXPELLED, PURGED, INTERVENED_IN) or a refusal to sign, with every quote.
// param: actor = "league-of-communists-of-yugoslavia"  the actor: its id, name or an alias (case ignored)
// param: related = true  also the conflicts of its state or party (the other end of PARTY_OF), since texts say "the Yugoslavs" or "Belgrade" for either
// example: bloc query conflicts --param actor="Enver Hoxha" --param related=false
// browser: :params {actor: "league-of-communists-of-yugoslavia", related: true}
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation)
WHERE a.id = $actor
   OR toLower(a.name) = toLower($actor)
   OR any(x IN a.aliases WHERE toLower(x) = toLower($actor))
WITH a, CASE WHEN $related THEN [(a)-[:PARTY_OF]-(kin) | kin] ELSE [] END AS kin
UNWIND [a] + kin AS actor
WITH DISTINCT actor
MATCH (actor)-[r]-(other)
WHERE r.polarity = -1 OR type(r) = 'REFUSED_TO_SIGN'
UNWIND range(0, size(r.quotes) - 1) AS i
RETURN DISTINCT actor.name AS actor,
       type(r) AS type,
       CASE WHEN startNode(r) = actor THEN '->' ELSE '<-' END AS direction,
       other.name AS other,
       coalesce(r.date, r.start) AS date,
       r.quotes[i] AS quote,
       r.sources[i] AS source
ORDER BY date, actor, type, other, source, quote
