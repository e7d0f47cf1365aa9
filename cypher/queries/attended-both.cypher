// name: attended-both
// answers: Which parties attended both of two meetings (by default the two Moscow meetings of November 1957), with the evidence for each.
// param: first = "conference-of-socialist-countries-parties-1957"  the first event: id, name or alias (case ignored)
// param: second = "international-meeting-1957"  the second event: id, name or alias (case ignored)
// example: bloc query attended-both --param first="Conference of Representatives of Communist and Workers' Parties of Socialist Countries" --param second="1957 International Meeting"
// browser: :params {first: "conference-of-socialist-countries-parties-1957", second: "international-meeting-1957"}
//
// A party attended an event when one of its delegations did, or when the text
// says the party itself attended.
MATCH (e1:Event)
WHERE e1.id = $first OR toLower(e1.name) = toLower($first) OR any(x IN e1.aliases WHERE toLower(x) = toLower($first))
MATCH (e2:Event)
WHERE e2 <> e1
  AND (e2.id = $second OR toLower(e2.name) = toLower($second) OR any(x IN e2.aliases WHERE toLower(x) = toLower($second)))
MATCH (p:Party)
WITH p, e1, e2,
     [(p)<-[:REPRESENTED]-(:Delegation)-[r:ATTENDED]->(e1) | r] + [(p)-[r:ATTENDED]->(e1) | r] AS at_first,
     [(p)<-[:REPRESENTED]-(:Delegation)-[r:ATTENDED]->(e2) | r] + [(p)-[r:ATTENDED]->(e2) | r] AS at_second
WHERE size(at_first) > 0 AND size(at_second) > 0
RETURN p.name AS party,
       e1.name AS first_event,
       e2.name AS second_event,
       at_first[0].quote AS first_quote,
       at_second[0].quote AS second_quote,
       at_first[0].source AS source
ORDER BY party
