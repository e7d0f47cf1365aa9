// name: refused-to-sign
// answers: Who refused to sign which document, with every quote that says so.
// param: document = null  only this document: its id, name or an alias (case ignored), e.g. "moscow-declaration-1957"; null for every document
// example: bloc query refused-to-sign --param document="1957 declaration"
// browser: :params {document: null}
MATCH (who)-[r:REFUSED_TO_SIGN]->(d:Document)
WHERE $document IS NULL
   OR d.id = $document
   OR toLower(d.name) = toLower($document)
   OR any(x IN d.aliases WHERE toLower(x) = toLower($document))
UNWIND range(0, size(r.quotes) - 1) AS i
RETURN DISTINCT who.name AS who,
       [l IN labels(who) WHERE l IN ['Person', 'Party', 'State', 'Organization', 'Delegation']][0] AS what,
       d.name AS document,
       coalesce(r.date, d.date) AS date,
       r.quotes[i] AS quote,
       r.sources[i] AS source
ORDER BY document, who, source, quote
