// name: neighbours-in-year
// answers: Whom an actor dealt with in one year: every relationship dated in that year, or (when undated) tied to an event of that year, with its quote.
// param: actor  the actor: its id, name or an alias (case ignored), e.g. "mao-zedong"
// param: year  the year, e.g. 1957
// example: bloc query neighbours-in-year --param actor="Mao Zedong" --param year=1957
// browser: :params {actor: "mao-zedong", year: 1957}
//
// A relationship is in the year when its date is, when its start..end span covers
// it (no end: still going, as far as the text says), or, when it has no date,
// when the event at its other end (an Event, or the event a Delegation attended)
// is in that year.
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation)
WHERE a.id = $actor OR toLower(a.name) = toLower($actor) OR any(x IN a.aliases WHERE toLower(x) = toLower($actor))
MATCH (a)-[r]-(other)
WITH a, r, other,
     CASE WHEN other:Event THEN other ELSE head([(other)-[:ATTENDED]->(e:Event) | e]) END AS event,
     toString($year) AS year
WITH a, r, other, event, year,
     coalesce(r.date, r.start, event.start) AS since,
     CASE
       WHEN r.date IS NOT NULL THEN r.date
       WHEN r.start IS NOT NULL THEN coalesce(r.end, '9999')
       ELSE coalesce(event.end, event.start)
     END AS until
WHERE since IS NOT NULL AND left(since, 4) <= year AND year <= left(until, 4)
RETURN other.name AS neighbour,
       [l IN labels(other) WHERE l IN ['Person', 'Party', 'State', 'Organization', 'Event', 'Document', 'Delegation']][0] AS what,
       type(r) AS type,
       CASE WHEN startNode(r) = a THEN '->' ELSE '<-' END AS direction,
       since AS date,
       event.name AS event,
       r.quote AS quote,
       r.source AS source
ORDER BY date, neighbour, type
