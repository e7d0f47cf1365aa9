"""Actors nobody listed: found by the shape of their names, marked discovered, resolved across the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.discover import DocNames, ordinal
from fixtures_corpus import text_facts as facts_of

TEXTS = Path(__file__).resolve().parent / "texts"


def discovered(facts):
    return {n.id: n for n in facts.nodes if n.discovered}


@pytest.mark.parametrize("word, n", [("Twentieth", 20), ("20th", 20), ("Twenty-Second", 22), ("3rd", 3), ("Fifth", 5), ("meeting", None)])
def test_ordinals(word, n):
    assert ordinal(word) == n


def test_doc_names_know_surnames_unless_two_people_share_one():
    names = DocNames()
    names.add_person(("Vasil", "Bilak"), "vasil-bilak")
    names.add_person(("Alois", "Indra"), "alois-indra")
    names.add_person(("Jan", "Indra"), "jan-indra")
    assert names.surnames["Bilak"] == "vasil-bilak"
    assert names.surnames["Indra"] is None


def test_people_next_to_titles_and_role_words(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "The Slovak hardliner Vasil Biľak denounced Alexander Dubček in 1968. "
        "Prime Minister Oldřich Černík met with Leonid Brezhnev. "
        "Dubček's allies included the economist Ota Šik and Josef Smrkovský, the parliamentary chairman.",
    )
    new = discovered(facts)
    assert {"vasil-bilak", "oldrich-cernik", "ota-sik", "josef-smrkovsky"} <= set(new)
    assert all(new[i].label == "Person" for i in ("vasil-bilak", "oldrich-cernik", "ota-sik", "josef-smrkovsky"))
    assert new["vasil-bilak"].country == "czechoslovakia"  # from the demonym of his role
    assert "alexander-dubcek" not in new  # a gazetteer person stays the gazetteer's


def test_a_discovered_person_is_known_by_surname_later(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "The Slovak hardliner Vasil Biľak spoke first. Later Biľak supported the Soviet invasion.")
    rels = {(r.type, r.source, r.target) for r in facts.relations}
    assert ("SUPPORTED", "vasil-bilak", "soviet-union") in rels


def test_people_by_their_place_next_to_a_relation_phrase(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "Two members of the Central Committee, Andrija Hebrang and Sreten Žujović, supported the Soviet position. "
        "In September 1960 Hoxha expelled the pro-Soviet Liri Belishova from the Politburo.",
    )
    new = discovered(facts)
    assert {"andrija-hebrang", "sreten-zujovic", "liri-belishova"} <= set(new)
    rels = {(r.type, r.source, r.target) for r in facts.relations}
    assert ("SUPPORTED", "andrija-hebrang", "soviet-union") in rels
    assert ("EXPELLED", "enver-hoxha", "liri-belishova") in rels


def test_parties_by_name_shape_with_their_country(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1948 the Communist Party of Slovakia was merged into the larger party. The Communist Party was everywhere.")
    new = discovered(facts)
    assert new["communist-party-of-slovakia"].label == "Party"
    assert "communist-party" not in new  # a common noun in capitals is no new party


def test_congresses_one_node_however_written(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "At the Fifth Congress of the Communist Party of Yugoslavia in July 1948 Tito was re-elected. "
        "The 5th Congress of the Communist Party of Yugoslavia also condemned the Cominform. "
        "The Twentieth Congress of the CPSU is in the gazetteer.",
    )
    events = {i for i, n in discovered(facts).items() if n.label == "Event"}
    assert events == {"5th-congress-of-the-league-of-communists-of-yugoslavia"}
    assert "20th-congress-of-the-cpsu" in {n.id for n in facts.nodes}


def test_events_of_one_kind_in_different_years_stay_two_nodes(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "The Bucharest Conference of 1960 was followed by the Bucharest Conference of 1970. "
        "The Third Congress of the Slovak Communist Party met in Bratislava in 1958, "
        "and the Fourth Congress of the Slovak Communist Party met in 1962.",
    )
    ids = {n.id for n in facts.nodes}
    assert {"bucharest-conference-1960", "bucharest-conference-1970"} <= ids
    new = discovered(facts)
    assert new["bucharest-conference-1970"].start == "1970"
    assert {"third-congress-of-the-slovak-communist-party-1958", "fourth-congress-of-the-slovak-communist-party-1962"} <= set(new)


def test_a_gazetteer_event_named_differently_is_reused(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "The Moscow Conference of 1960 opened in November with delegations from 81 parties.")
    assert "international-meeting-1960" in {n.id for n in facts.nodes}
    assert not [n for n in facts.nodes if n.discovered and n.label == "Event"]


def test_documents_by_name_shape(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In July 1968 the five hardline parties sent the Warsaw Letter to Prague.")
    new = discovered(facts)
    assert new["warsaw-letter-1968"].label == "Document"
    assert new["warsaw-letter-1968"].date == "1968"


def test_the_unseen_texts_new_actors(extractor):
    facts = {Path(f.source.path).name: f for f in extractor.extract([TEXTS])}
    assert {"andrija-hebrang", "sreten-zujovic", "5th-congress-of-the-league-of-communists-of-yugoslavia"} <= set(discovered(facts["tito_stalin_split_1948.txt"]))
    assert {"hysni-kapo", "liri-belishova", "3rd-congress-of-the-romanian-workers-party"} <= set(discovered(facts["conferences_1960.txt"]))
    assert {"vasil-bilak", "alois-indra", "oldrich-cernik", "ota-sik", "josef-smrkovsky", "warsaw-letter-1968", "bratislava-conference-1968", "moscow-protocol-1968"} <= set(
        discovered(facts["invasion_of_czechoslovakia_1968.txt"])
    )
    for f in facts.values():
        for n in discovered(f).values():
            assert n.discovered and n.id == n.id.lower()


def test_no_people_from_common_capitalized_words(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "Radio Free Europe denounced the regime. The Red Army supported the Central Committee. "
        "In Eastern Europe the Prague Spring ended.",
    )
    assert not [n for n in facts.nodes if n.discovered and n.label == "Person"]


def test_a_month_before_the_is_not_part_of_a_name(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "On 22 August the Extraordinary Fourteenth Congress of the party met secretly in Prague.")
    names = [n.name for n in facts.nodes if n.discovered]
    assert not any(name.startswith("August") for name in names)


def test_a_known_person_of_a_party_is_not_a_new_party(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "Palmiro Togliatti of the Italian Communist Party backed Khrushchev.")
    assert not any(n.label == "Party" and "Togliatti" in n.name for n in facts.nodes)
