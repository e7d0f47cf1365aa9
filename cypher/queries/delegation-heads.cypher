// name: delegation-heads
// answers: Who headed each party's delegation, to which meeting, and the list item that says so.
// param: event = null  only the delegations to this event: its id, name or an alias (case ignored), e.g. "international-meeting-1957"; null for every event
// example: bloc query delegation-heads --param event=conference-of-socialist-countries-parties-1957
// browser: :params {event: null}
//
// A delegation's head is whoever the text names after "headed by" or "led by";
// people "represented by" or "also included" are members (DELEGATE_IN), not heads.
MATCH (head:Person)-[h:HEADED]->(d:Delegation)-[:ATTENDED]->(e:Event)
WHERE $event IS NULL
   OR e.id = $event
   OR toLower(e.name) = toLower($event)
   OR any(x IN e.aliases WHERE toLower(x) = toLower($event))
OPTIONAL MATCH (d)-[:REPRESENTED]->(p:Party)
RETURN e.name AS event,
       coalesce(p.name, d.name) AS party,
       head.name AS headed_by,
       h.quote AS quote,
       h.source AS source
ORDER BY e.start, event, party, headed_by
