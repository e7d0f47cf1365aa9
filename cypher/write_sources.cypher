// The last step of a load: each Source gets its text's sha256 and facts together,
// in one transaction per batch, so a source is "loaded" only once everything its
// facts imply has been written. : [{id, sha256, facts}].
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
SET s.sha256 = row.sha256, s.facts = row.facts
