// bloc's schema, created before anything is written (graph/stores/neo4j.py runs
// only the constraints that SHOW CONSTRAINTS does not list, so an unchanged load
// sends no schema statement at all).
//
// One uniqueness constraint on `id` per node label: ids are unique across the whole
// graph (SCHEMA.md), and the constraint's index is what every MERGE and MATCH of a
// load seeks by. One uniqueness constraint on `key` per relationship type: the
// relation's identity (type|from|to[|role], graph.model.Relation.key), so the same
// fact can never be stored twice.

CREATE CONSTRAINT bloc_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT bloc_party_id IF NOT EXISTS FOR (n:Party) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT bloc_state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT bloc_organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT bloc_event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT bloc_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT bloc_delegation_id IF NOT EXISTS FOR (n:Delegation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT bloc_source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;

CREATE CONSTRAINT bloc_leader_of_key IF NOT EXISTS FOR ()-[r:LEADER_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_member_of_key IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_party_of_key IF NOT EXISTS FOR ()-[r:PARTY_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_headed_key IF NOT EXISTS FOR ()-[r:HEADED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_delegate_in_key IF NOT EXISTS FOR ()-[r:DELEGATE_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_represented_key IF NOT EXISTS FOR ()-[r:REPRESENTED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_attended_key IF NOT EXISTS FOR ()-[r:ATTENDED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_signed_key IF NOT EXISTS FOR ()-[r:SIGNED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_refused_to_sign_key IF NOT EXISTS FOR ()-[r:REFUSED_TO_SIGN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_adopted_key IF NOT EXISTS FOR ()-[r:ADOPTED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_part_of_key IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_succeeded_key IF NOT EXISTS FOR ()-[r:SUCCEEDED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_supported_key IF NOT EXISTS FOR ()-[r:SUPPORTED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_allied_with_key IF NOT EXISTS FOR ()-[r:ALLIED_WITH]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_met_with_key IF NOT EXISTS FOR ()-[r:MET_WITH]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_opposed_key IF NOT EXISTS FOR ()-[r:OPPOSED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_condemned_key IF NOT EXISTS FOR ()-[r:CONDEMNED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_split_with_key IF NOT EXISTS FOR ()-[r:SPLIT_WITH]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_expelled_key IF NOT EXISTS FOR ()-[r:EXPELLED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_purged_key IF NOT EXISTS FOR ()-[r:PURGED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT bloc_intervened_in_key IF NOT EXISTS FOR ()-[r:INTERVENED_IN]-() REQUIRE r.key IS UNIQUE;
