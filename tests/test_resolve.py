"""Who is meant: demonyms, capitals, collective nouns, descriptions and pronouns resolved to actors."""

from __future__ import annotations

import pytest

from loaders.gazetteer import default_gazetteer
from loaders.resolve import Memory


@pytest.fixture(scope="module")
def resolver(extractor):
    return extractor.relations.resolver


def rels(extractor, tmp_path, text, name="t.txt"):
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    (facts,) = extractor.extract([path])
    return {(r.type, r.source, r.target) for r in facts.relations if r.evidence[0].method != "list"}


def test_demonyms_capitals_and_combining_forms_name_states(resolver):
    assert resolver.state_of("Yugoslavs") == "yugoslavia"
    assert resolver.state_of("Soviet") == "soviet-union"
    assert resolver.state_of("Moscow") == "soviet-union"
    assert resolver.state_of("the Kremlin") == "soviet-union"
    assert resolver.state_of("Sino") == "china"
    assert resolver.state_of("Belgrade") == "yugoslavia"
    assert resolver.state_of("Atlantis") is None


def test_a_state_s_party_is_its_ruling_one_or_the_one_the_text_named(resolver):
    assert resolver.party_of_state("yugoslavia") == "league-of-communists-of-yugoslavia"
    assert resolver.party_of_state("denmark") == "communist-party-of-denmark"
    # Poland had two ruling parties in its history: only the text can tell which
    assert resolver.party_of_state("poland") is None
    assert resolver.party_of_state("poland", prefer=["polish-united-workers-party"]) == "polish-united-workers-party"


def test_coercion_is_a_general_rule(resolver):
    party_only = ["Party", "Person"]
    assert resolver.coerce("yugoslavia", party_only, {}) == "league-of-communists-of-yugoslavia"
    assert resolver.coerce("nikita-khrushchev", ["State"], {}) == "soviet-union"
    assert resolver.coerce("chinese-communist-party", ["State"], {}) == "china"
    assert resolver.coerce("poland", party_only, {}) is None  # two ruling parties: not guessed
    assert resolver.coerce("international-meeting-1957", ["Person"], {}) is None


def test_descriptions_of_events_and_documents(resolver):
    mem = Memory()
    assert resolver.describe("conference", "Event", set(), 1960, None, False, None, mem, {}) == ("bucharest-conference-1960",)
    # two meetings of 1957 in the gazetteer: "the 1957 meeting" alone does not say which
    assert resolver.describe("meeting", "Event", set(), 1957, None, False, None, mem, {}) == ()
    assert resolver.describe("declaration", "Document", set(), None, None, False, 1957, mem, {}) == ("moscow-declaration-1957",)
    docs = resolver.describe("documents", "Document", set(), None, None, True, 1957, mem, {}, of_event="international-meeting-1957")
    assert set(docs) == {"moscow-declaration-1957", "peace-manifesto-1957"}
    # nothing said of it, nothing named before, no year: left out
    assert resolver.describe("statement", "Document", {"sole"}, None, None, False, None, mem, {}) == ()


def test_the_text_s_own_names_decide_a_description(resolver):
    mem = Memory()
    mem.mentioned["bucharest-conference-1960"] = 1
    mem.called["bucharest-conference-1960"] = {"bucharest", "conference"}
    mem.mentioned["international-meeting-1960"] = 2
    mem.called["international-meeting-1960"] = {"moscow", "conference"}
    assert resolver.describe("conference", "Event", set(), None, None, False, 1960, mem, {}) == ("international-meeting-1960",)


def test_memory_of_leaders():
    mem = Memory()
    mem.add_leader("imre-nagy", "hungary", "prime minister")
    mem.add_leader("erno-gero", "hungarian-workers-party", "First Secretary")
    assert mem.leader_of("prime minister", set()) == "imre-nagy"
    assert mem.leader_of("leader", {"hungarian-workers-party"}) == "erno-gero"
    assert mem.leader_of("president", set()) is None
    assert mem.roles_of("imre-nagy") == [("hungary", "prime minister")]


# -- in context -----------------------------------------------------------------------------------


def test_he_is_the_subject_not_the_object_before_it(extractor, tmp_path):
    got = rels(extractor, tmp_path, "In 1956 Nikita Khrushchev denounced Stalin but he ordered military intervention in Hungary.")
    assert ("INTERVENED_IN", "soviet-union", "hungary") in got
    assert ("CONDEMNED", "nikita-khrushchev", "joseph-stalin") in got


def test_he_in_the_next_sentence_is_the_previous_subject(extractor, tmp_path):
    got = rels(extractor, tmp_path, "Tito met Khrushchev in Belgrade in May 1955. He also condemned Stalin.")
    assert ("CONDEMNED", "josip-broz-tito", "joseph-stalin") in got


def test_his_party_is_the_person_s_party(extractor, tmp_path):
    got = rels(extractor, tmp_path, "The Danish communist leader Aksel Larsen voiced pro-Yugoslav positions, for which he was expelled from his party.")
    assert ("EXPELLED", "communist-party-of-denmark", "aksel-larsen") in got


def test_they_is_the_group_named_before(extractor, tmp_path):
    text = "The Soviet envoys Anastas Mikoyan and Mikhail Suslov met with the Hungarian leaders. They backed Imre Nagy."
    got = rels(extractor, tmp_path, text)
    assert {("SUPPORTED", "anastas-mikoyan", "imre-nagy"), ("SUPPORTED", "mikhail-suslov", "imre-nagy")} <= got
    assert ("MET_WITH", "anastas-mikoyan", "hungary") in got


def test_demonyms_collectives_and_capitals(extractor, tmp_path):
    text = (
        "The Yugoslavs refused to sign the Moscow Declaration. "
        "The Italian delegation supported the Polish party. "
        "Moscow condemned Belgrade. "
        "Soviet tanks occupied Budapest."
    )
    got = rels(extractor, tmp_path, text)
    assert ("REFUSED_TO_SIGN", "league-of-communists-of-yugoslavia", "moscow-declaration-1957") in got
    assert ("CONDEMNED", "soviet-union", "yugoslavia") in got
    assert ("INTERVENED_IN", "soviet-union", "hungary") in got
    # "the Polish party" is ambiguous in the gazetteer (two ruling parties) until the text names one
    assert not any(t == "SUPPORTED" and a == "italian-communist-party" and b.startswith("polish") for t, a, b in got)


def test_the_polish_party_once_the_text_has_named_it(extractor, tmp_path):
    text = "Gomułka led the Polish United Workers' Party. The Italian delegation supported the Polish party."
    got = rels(extractor, tmp_path, text)
    assert ("SUPPORTED", "italian-communist-party", "polish-united-workers-party") in got


def test_a_role_noun_is_the_person_the_text_gave_that_role(extractor, tmp_path):
    text = (
        "In June 1953 Moscow appointed a new prime minister for Hungary, Imre Nagy. "
        "By April 1955 the reformist prime minister was out, replaced by András Hegedüs."
    )
    got = rels(extractor, tmp_path, text)
    assert ("LEADER_OF", "imre-nagy", "hungary") in got
    assert ("SUCCEEDED", "andras-hegedus", "imre-nagy") in got


def test_the_soviet_leader_is_the_one_the_text_made_leader(extractor, tmp_path):
    text = (
        "The First Secretary of the Soviet Communist Party, Nikita Khrushchev, spoke for four hours. "
        "Later the Soviet leader condemned Mao Zedong."
    )
    got = rels(extractor, tmp_path, text)
    assert ("CONDEMNED", "nikita-khrushchev", "mao-zedong") in got


def test_an_unsure_pronoun_gives_nothing(extractor, tmp_path):
    # no person before "he" in this text: the fact is left out, not guessed
    got = rels(extractor, tmp_path, "The meeting ended. He condemned Stalin.")
    assert not any(t == "CONDEMNED" for t, _, _ in got)


def test_gazetteer_has_what_the_rules_need():
    gaz = default_gazetteer()
    assert gaz["yugoslavia"].demonyms and gaz["soviet-union"].metonyms
