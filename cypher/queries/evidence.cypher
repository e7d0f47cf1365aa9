// name: evidence
// answers: The evidence for the relationships between two actors: every quote, where it is in which text, and how it was found.
// param: from  one end: its id, name or an alias (case ignored), e.g. "enver-hoxha"
// param: to  the other end, e.g. "delegation-party-of-labour-of-albania-international-meeting-1957"
// param: type = null  only relationships of this type, e.g. "HEADED"; null for all
// example: bloc query evidence --param from=mao-zedong --param to=nikita-khrushchev --param type=SUPPORTED
// browser: :params {from: "enver-hoxha", to: "league-of-communists-of-yugoslavia", type: null}
//
// Both directions between the two actors; start/end are character offsets of the
// quote in the source text (its Source node has the path).
MATCH (a:Person|Party|State|Organization|Event|Document|Delegation)
WHERE a.id = $from OR toLower(a.name) = toLower($from) OR any(x IN a.aliases WHERE toLower(x) = toLower($from))
MATCH (b:Person|Party|State|Organization|Event|Document|Delegation)
WHERE b.id = $to OR toLower(b.name) = toLower($to) OR any(x IN b.aliases WHERE toLower(x) = toLower($to))
MATCH (a)-[r]-(b)
WHERE $type IS NULL OR type(r) = toUpper($type)
UNWIND range(0, size(r.quotes) - 1) AS i
RETURN type(r) AS type,
       startNode(r).name AS from,
       endNode(r).name AS to,
       r.quotes[i] AS quote,
       r.sources[i] AS source,
       r.start_chars[i] AS start,
       r.end_chars[i] AS end,
       r.methods[i] AS method,
       r.sections[i] AS section
ORDER BY type, source, start
