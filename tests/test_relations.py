"""Relations from the prose: who supported, opposed, led, succeeded, split, with evidence and dates."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from graph.errors import InputError
from graph.model import INTERACTION
from loaders.relations import Lexicon, load_lexicon
from fixtures_corpus import text_facts as facts_of

TEXTS = Path(__file__).resolve().parent / "texts"
M57, P57 = "000_e9b5b5c157e9008d.txt", "003_3e1a935d84facd1c.txt"


def triples(facts):
    return {(r.type, r.source, r.target) for r in facts.relations if r.evidence[0].method != "list"}


@pytest.fixture(scope="module")
def by_file(sample_facts):
    return {Path(f.source.path).name: f for f in sample_facts}


def find(facts, rtype, source, target, role=None):
    hits = [r for r in facts.relations if (r.type, r.source, r.target) == (rtype, source, target) and (role is None or r.role == role)]
    assert hits, f"no {rtype} {source} -> {target}"
    (r,) = hits
    return r


def quoted(r, fragment):
    return any(fragment in e.quote for e in r.evidence)


# -- the sample corpus: the facts the issue names ----------------------------------------------


def test_hoxha_condemned_the_yugoslavs_dated(by_file):
    r = find(by_file[M57], "CONDEMNED", "enver-hoxha", "yugoslavia")
    (e,) = [e for e in r.evidence if e.method == "pattern"]
    assert e.quote.startswith("The Albanian leader Enver Hoxha had published a statement on October 26, 1957, condemning the Yugoslav positions")
    assert r.date == "1957-10-26" and r.polarity == -1


def test_gomulka_first_secretary_from_21_october_1956(by_file):
    r = find(by_file[P57], "LEADER_OF", "wladyslaw-gomulka", "polish-united-workers-party", role="First Secretary")
    assert r.start == "1956-10-21"
    assert quoted(r, "On 21 October 1956 Gomułka was put back in charge as the party’s First Secretary.")


def test_gero_succeeded_rakosi(by_file):
    r = find(by_file[P57], "SUCCEEDED", "erno-gero", "matyas-rakosi")
    assert r.role == "First Secretary"
    assert quoted(r, "Yet the appointment of Ernő Gerő, one of Rákosi’s associates, as the First Secretary")


def test_soviet_union_intervened_in_hungary_1956(by_file):
    r = find(by_file[P57], "INTERVENED_IN", "soviet-union", "hungary")
    assert (r.date or r.start).startswith("1956") and r.polarity == -1
    assert quoted(r, "On 31 October the Soviet leader authorized a massive military intervention in Hungary.")
    assert quoted(r, "he ordered military intervention in Hungary")
    assert quoted(r, "the Chinese backed the Soviet invasion of Hungary")


def test_mao_supported_khrushchev(by_file):
    r = find(by_file[M57], "SUPPORTED", "mao-zedong", "nikita-khrushchev")
    assert r.polarity == 1 and r.date == "1957-11-18"
    assert quoted(r, "he publicly affirmed support for Khrushchev's leadership") and quoted(r, "Mao siding with Khrushchev")


def test_yugoslavs_refused_to_sign_the_declaration(by_file):
    r = find(by_file[M57], "REFUSED_TO_SIGN", "league-of-communists-of-yugoslavia", "moscow-declaration-1957")
    assert quoted(r, "the Yugoslavs refused to sign the documents of the meeting")
    assert r.polarity is None


def test_larsen_expelled_by_his_party(by_file):
    r = find(by_file[M57], "EXPELLED", "communist-party-of-denmark", "aksel-larsen")
    assert quoted(r, "for which he was subsequently expelled from his party")


def test_unsuccessfully_lobbied_is_still_opposed(by_file):
    r = find(by_file[M57], "OPPOSED", "wladyslaw-gomulka", "soviet-union")
    assert quoted(r, "had unsuccessfully lobbied to exclude the wording")


def test_kim_avoided_touching_gives_nothing(by_file):
    sentence = "In his speech at the meeting, Kim Il Sung avoided touching on the Sino-Soviet contradictions."
    assert not [r for r in by_file[M57].relations for e in r.evidence if e.quote == sentence]


def test_unless_intervened_gives_nothing(by_file):
    assert not [r for r in by_file[P57].relations for e in r.evidence if "unless the Soviet Union intervened" in e.quote]


def test_the_1957_meeting_adopted_the_peace_manifesto(by_file):
    r = find(by_file[M57], "ADOPTED", "international-meeting-1957", "peace-manifesto-1957")
    assert quoted(r, "The meeting adopted a 'peace manifesto'")


def test_signed_and_attended(by_file):
    f = by_file[M57]
    assert quoted(find(f, "SIGNED", "chinese-communist-party", "moscow-declaration-1957"), "signed both the declaration and peace manifesto")
    assert quoted(find(f, "SIGNED", "chinese-communist-party", "peace-manifesto-1957"), "signed both the declaration and peace manifesto")
    assert find(f, "ATTENDED", "mao-zedong", "international-meeting-1957").date == "1957-11-18"
    assert quoted(find(f, "ATTENDED", "league-of-communists-of-yugoslavia", "international-meeting-1957"), "attended the broader international meeting")


def test_splits_and_alliances(by_file):
    assert find(by_file[M57], "SPLIT_WITH", "china", "soviet-union").polarity == -1
    f = by_file[P57]
    assert quoted(find(f, "SPLIT_WITH", "enver-hoxha", "soviet-union"), "broke free from Soviet control by turning to China")
    assert quoted(find(f, "ALLIED_WITH", "enver-hoxha", "china"), "broke free from Soviet control by turning to China")
    assert quoted(find(f, "MET_WITH", "nikita-khrushchev", "josip-broz-tito"), "mended fences with")
    assert find(f, "MET_WITH", "nikita-khrushchev", "josip-broz-tito").polarity == 1


def test_leaders_with_roles(by_file):
    f = by_file[P57]
    assert find(f, "LEADER_OF", "nikita-khrushchev", "communist-party-of-the-soviet-union").role == "First Secretary"
    nagy = find(f, "LEADER_OF", "imre-nagy", "hungary")
    assert (nagy.role, nagy.start) == ("prime minister", "1953-06")
    assert find(by_file[M57], "LEADER_OF", "enver-hoxha", "albania").role == "leader"
    assert find(f, "LEADER_OF", "matyas-rakosi", "hungarian-workers-party").role == "Party Secretary"


def test_party_of_from_names_and_appositions(by_file):
    r = find(by_file[P57], "PARTY_OF", "polish-united-workers-party", "poland")
    assert quoted(r, "(PUWP, Poland’s ruling Communist Party)")
    assert {e.method for e in r.evidence} == {"name", "pattern"}


def test_every_quote_recuts_from_its_source(sample_facts):
    for f in sample_facts:
        text = Path(f.source.path).read_text(encoding="utf-8")
        for r in f.relations:
            for e in r.evidence:
                assert text[e.start_char : e.end_char] == e.quote
                assert e.method in ("list", "pattern", "name")


def test_relations_name_only_known_or_discovered_nodes(sample_facts):
    for f in sample_facts:
        ids = {n.id for n in f.nodes}
        for r in f.relations:
            assert r.source in ids and r.target in ids
            if r.type in INTERACTION:
                assert r.polarity in (-1, 0, 1)


def test_no_relation_from_a_heading_or_a_thing_to_itself(sample_facts):
    for f in sample_facts:
        for r in f.relations:
            assert r.source != r.target


# -- small texts: exactly what they say ---------------------------------------------------------


def test_exact_relations_of_a_small_text(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "On 28 June 1948 the Cominform expelled the Communist Party of Yugoslavia. "
        "The Albanian leader Enver Hoxha sided with Moscow and broke off relations with Belgrade.",
    )
    assert triples(facts) == {
        ("EXPELLED", "cominform", "league-of-communists-of-yugoslavia"),
        ("PARTY_OF", "league-of-communists-of-yugoslavia", "yugoslavia"),
        ("LEADER_OF", "enver-hoxha", "albania"),
        ("SUPPORTED", "enver-hoxha", "soviet-union"),
        ("SPLIT_WITH", "enver-hoxha", "yugoslavia"),
    }
    expelled = find(facts, "EXPELLED", "cominform", "league-of-communists-of-yugoslavia")
    assert expelled.date == "1948-06-28" and expelled.evidence[0].method == "pattern"
    assert find(facts, "PARTY_OF", "league-of-communists-of-yugoslavia", "yugoslavia").evidence[0].method == "name"


@pytest.mark.parametrize(
    "text",
    [
        "In 1956 Nikita Khrushchev did not support Imre Nagy.",
        "Khrushchev never supported Nagy.",
        "Kim Il Sung avoided condemning Mao Zedong.",
        "Mao Zedong hoped to condemn Tito.",
        "Khrushchev feared that unless the Soviet Union intervened, Hungary would fall.",
        "The Albanians would never support Belgrade.",
        "Tito refused to condemn Khrushchev.",
        "Khrushchev tried to oust Molotov.",
        "If the Chinese backed Khrushchev, the Albanians would follow.",
        "Tito cancelled his trip to Moscow.",
    ],
)
def test_negation_and_hedges_give_nothing(extractor, tmp_path, text):
    facts = facts_of(extractor, tmp_path, text)
    assert not [r for r in facts.relations if r.type in INTERACTION]


def test_a_negated_support_is_not_opposition(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "Khrushchev did not support Nagy, and he did not oppose Gomułka.")
    assert triples(facts) == set()


def test_passives_and_agents(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "Mao was supported by Maurice Thorez and Mikhail Suslov. Nagy was condemned by the Soviets.")
    assert triples(facts) == {
        ("SUPPORTED", "maurice-thorez", "mao-zedong"),
        ("SUPPORTED", "mikhail-suslov", "mao-zedong"),
        ("CONDEMNED", "soviet-union", "imre-nagy"),
    }


def test_agentless_passive_gives_nothing(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1964 Khrushchev was ousted from power. Stalin was widely denounced.")
    assert not [r for r in facts.relations if r.type in INTERACTION]


def test_noun_phrases_take_their_possessor_or_demonym(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "Moscow’s disapproval of Gomułka grew. The Soviet invasion of Hungary followed. China’s break with the USSR came later.")
    assert triples(facts) == {
        ("OPPOSED", "soviet-union", "wladyslaw-gomulka"),
        ("INTERVENED_IN", "soviet-union", "hungary"),
        ("SPLIT_WITH", "china", "soviet-union"),
    }


def test_an_action_noun_without_agent_gives_nothing(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "This intervention in Hungary undermined communism. The condemnation of Stalin shocked many.")
    assert not [r for r in facts.relations if r.type in INTERACTION]


def test_compounds(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "The Sino-Soviet split deepened, and the Soviet–Albanian split followed. The Tito–Stalin split came first.")
    assert {("SPLIT_WITH", "china", "soviet-union"), ("SPLIT_WITH", "soviet-union", "albania"), ("SPLIT_WITH", "josip-broz-tito", "joseph-stalin")} <= triples(facts)


def test_lists_of_actors(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "On 20 August 1968 troops of the Soviet Union, Poland, Hungary, Bulgaria and East Germany invaded Czechoslovakia.")
    got = {a for t, a, b in triples(facts) if t == "INTERVENED_IN" and b == "czechoslovakia"}
    assert got == {"soviet-union", "poland", "hungary", "bulgaria", "east-germany"}
    assert all(r.date == "1968-08-20" for r in facts.relations if r.type == "INTERVENED_IN")


def test_a_comma_alone_makes_no_list(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "Even as Khrushchev opened the talks with the Poles, Soviet forces were moving towards Warsaw.")
    assert triples(facts) == {("MET_WITH", "nikita-khrushchev", "poland")}


def test_successions_and_leaders(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "In January 1968 Alexander Dubček replaced Antonín Novotný as First Secretary of the Communist Party of Czechoslovakia. "
        "In April 1969 Gustáv Husák succeeded Dubček as First Secretary.",
    )
    assert find(facts, "SUCCEEDED", "alexander-dubcek", "antonin-novotny").date == "1968-01"
    assert find(facts, "LEADER_OF", "alexander-dubcek", "communist-party-of-czechoslovakia").start == "1968-01"
    assert find(facts, "SUCCEEDED", "gustav-husak", "alexander-dubcek").date == "1969-04"
    assert find(facts, "LEADER_OF", "gustav-husak", "communist-party-of-czechoslovakia").start == "1969-04"
    assert not [r for r in facts.relations if r.type == "LEADER_OF" and r.source == "antonin-novotny"]


def test_a_succession_read_across_sentences(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "Mátyás Rákosi had been the First Secretary of the Hungarian Workers' Party since 1948. "
        "In July 1956 he was forced to resign. Ernő Gerő was appointed First Secretary.",
    )
    assert find(facts, "LEADER_OF", "matyas-rakosi", "hungarian-workers-party").start == "1948"
    assert find(facts, "SUCCEEDED", "erno-gero", "matyas-rakosi").role == "First Secretary"


def test_symmetric_phrase_with_a_plural_subject(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "The Soviet and Czechoslovak leaders met at Čierna nad Tisou at the end of July 1968.")
    assert triples(facts) == {("MET_WITH", "soviet-union", "czechoslovakia")}


def test_possessor_as_object_and_names_after_among_them(extractor, tmp_path):
    facts = facts_of(
        extractor,
        tmp_path,
        "In 1960 Tirana openly took Beijing's side. Albania remained Beijing's closest ally. "
        "In September 1960 Hoxha purged the pro-Moscow members of his Politburo, among them Liri Belishova and Koço Tashko.",
    )
    assert triples(facts) >= {
        ("SUPPORTED", "albania", "china"),
        ("ALLIED_WITH", "albania", "china"),
        ("PURGED", "enver-hoxha", "liri-belishova"),
        ("PURGED", "enver-hoxha", "koco-tashko"),
    }
    assert not [t for t in triples(facts) if t[0] == "SUPPORTED" and t[2] == "soviet-union"]  # "pro-Moscow" qualifies the members


def test_it_is_the_document_just_named(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In July 1968 the hardline parties sent the Warsaw Letter. Romania's Nicolae Ceaușescu refused to sign it.")
    assert ("REFUSED_TO_SIGN", "nicolae-ceausescu", "warsaw-letter-1968") in triples(facts)


def test_the_unseen_texts_relations(extractor):
    facts = {Path(f.source.path).name: triples(f) for f in extractor.extract([TEXTS])}
    assert {
        ("EXPELLED", "cominform", "league-of-communists-of-yugoslavia"),
        ("PURGED", "josip-broz-tito", "andrija-hebrang"),
        ("PURGED", "josip-broz-tito", "sreten-zujovic"),
        ("SUPPORTED", "united-states", "yugoslavia"),
        ("SIGNED", "nikita-khrushchev", "belgrade-declaration-1955"),
    } <= facts["tito_stalin_split_1948.txt"]
    assert {
        ("CONDEMNED", "nikita-khrushchev", "chinese-communist-party"),
        ("EXPELLED", "enver-hoxha", "liri-belishova"),
        ("ADOPTED", "international-meeting-1960", "moscow-statement-1960"),
        ("SIGNED", "chinese-communist-party", "moscow-statement-1960"),
        ("SPLIT_WITH", "soviet-union", "albania"),
    } <= facts["conferences_1960.txt"]
    assert {
        ("SUCCEEDED", "alexander-dubcek", "antonin-novotny"),
        ("SUPPORTED", "josip-broz-tito", "alexander-dubcek"),
        ("INTERVENED_IN", "east-germany", "czechoslovakia"),
        ("SPLIT_WITH", "albania", "warsaw-pact"),
        ("EXPELLED", "communist-party-of-czechoslovakia", "alexander-dubcek"),
    } <= facts["invasion_of_czechoslovakia_1968.txt"]


# -- the lexicon is data, checked ---------------------------------------------------------------------


def test_lexicon_entries_are_checked(tmp_path):
    with pytest.raises(InputError, match="unknown type"):
        Lexicon({"types": {"SUPPORTED": {"from": [], "to": []}}, "relations": [{"type": "LIKED", "verbs": ["like"]}]})
    bad = tmp_path / "lex.yaml"
    bad.write_text("types: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_lexicon(str(bad))


def test_lexicon_covers_every_relation_type():
    lex = load_lexicon()
    assert {e["type"] for e in lex.entries} >= set(INTERACTION) | {"SUCCEEDED", "SIGNED", "REFUSED_TO_SIGN", "ADOPTED", "ATTENDED", "MEMBER_OF", "LEADER_OF", "PART_OF"}
    data = yaml.safe_load((Path(__file__).resolve().parent.parent / "loaders" / "lexicon.yaml").read_text(encoding="utf-8"))
    assert "unsuccessfully" in data["attempts"] and "avoided" in data["hedges"] and "not" in data["negations"]


# -- cost: linear in the input -------------------------------------------------------------------------


def test_extraction_stays_linear(extractor, corpus_dir, tmp_path):
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt")))
    one, many = tmp_path / "one", tmp_path / "many"
    one.mkdir()
    many.mkdir()
    (one / "a.txt").write_text(text, encoding="utf-8")
    (many / "a.txt").write_text("\n\n".join([text] * 20), encoding="utf-8")
    extractor.extract([one])  # warm up
    t0 = time.perf_counter()
    small = extractor.extract([one])
    t1 = time.perf_counter()
    big = extractor.extract([many])
    t2 = time.perf_counter()
    assert (t2 - t1) < 20 * (t1 - t0) * 2.5, f"20 copies took {t2 - t1:.2f}s, one {t1 - t0:.2f}s"
    # the same facts, each stated twenty times (a party's name states its country once per text)
    assert {r.key for r in big[0].relations} == {r.key for r in small[0].relations}

    def statements(facts):
        return sum(1 for r in facts[0].relations for e in r.evidence if e.method != "name")

    assert statements(big) == 20 * statements(small)


def test_what_follows_as_characterizes_and_is_not_the_object(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "Yugoslavia condemned the invasion as a violation of Czechoslovak sovereignty.")
    assert not any(t[0] == "CONDEMNED" and t[2] == "czechoslovakia" for t in triples(facts))


def test_a_capital_qualifying_a_noun_is_not_what_is_led(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1968 Enver Hoxha led the Tirana city committee of the party.")
    assert not any(t[0] == "LEADER_OF" and t[2] == "albania" for t in triples(facts))


def test_stopped_cancels_the_phrase(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "The Moscow Conference of 1960 opened in November. Albania stopped taking part in the meetings of Comecon from 1962.")
    assert not any(t[0] == "ATTENDED" for t in triples(facts))


def test_who_attended_needs_an_event_named_nearby(extractor, tmp_path):
    text = (
        "The Moscow Conference of 1960 opened in November. It ended in December.\n\n"
        "In January 1963 the Chinese delegate spoke at a party congress in East Berlin. The speech was long. "
        "Khrushchev, who attended, condemned the public polemic."
    )
    facts = facts_of(extractor, tmp_path, text)
    assert not any(t[0] == "ATTENDED" and t[1] == "nikita-khrushchev" for t in triples(facts))


def test_increased_aid_is_support(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1961 Beijing increased its aid to Tirana.")
    assert ("SUPPORTED", "china", "albania") in triples(facts)


def test_an_event_before_an_infinitive_is_the_means_not_the_actor(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In November 1960 Enver Hoxha used the conference to denounce Khrushchev.")
    assert ("CONDEMNED", "enver-hoxha", "nikita-khrushchev") in triples(facts)


def test_argued_with_is_opposition(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1960 Deng Xiaoping argued with Mikhail Suslov for days over the wording.")
    assert ("OPPOSED", "deng-xiaoping", "mikhail-suslov") in triples(facts)


def test_recalling_experts_is_opposition(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1961 Moscow recalled its experts from Tirana. Later Beijing withdrew the Chinese advisers from Hanoi.")
    assert ("OPPOSED", "soviet-union", "albania") in triples(facts)
    assert ("OPPOSED", "china", "north-vietnam") in triples(facts)


def test_charges_against_is_condemnation(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1964 the Chinese party renewed its charges against Khrushchev.")
    assert ("CONDEMNED", "chinese-communist-party", "nikita-khrushchev") in triples(facts)


def test_comma_and_after_one_item_opens_a_clause_on_the_left(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1960 Liu Shaoqi led the Chinese delegation, and Deng Xiaoping argued with Mikhail Suslov.")
    assert ("OPPOSED", "deng-xiaoping", "mikhail-suslov") in triples(facts)
    assert not any(t[0] == "OPPOSED" and t[1] == "chinese-communist-party" for t in triples(facts))


def test_a_list_of_three_with_comma_and_still_joins(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In 1968 Poland, Hungary, and Bulgaria supported the Soviet Union.")
    assert {("SUPPORTED", x, "soviet-union") for x in ("poland", "hungary", "bulgaria")} <= triples(facts)


def test_leaving_an_organization_is_a_split_but_leaving_a_place_is_not(extractor, tmp_path):
    facts = facts_of(extractor, tmp_path, "In September 1968 Albania left the Warsaw Pact. In 1958 Zhou Enlai left Moscow. In 1961 Hoxha left the party.")
    assert ("SPLIT_WITH", "albania", "warsaw-pact") in triples(facts)
    assert not any(t[0] == "SPLIT_WITH" and t[1] in ("zhou-enlai", "enver-hoxha") for t in triples(facts))


def test_calling_an_actor_a_revisionist_is_condemnation(extractor, tmp_path):
    text = "In 1968 Zhou Enlai called the Soviet leaders social-imperialists. In 1960 Khrushchev called Mao to Moscow."
    facts = facts_of(extractor, tmp_path, text)
    assert ("CONDEMNED", "zhou-enlai", "soviet-union") in triples(facts)
    assert not any(t[1] == "nikita-khrushchev" for t in triples(facts))


def test_a_day_within_the_congress_named_takes_the_congress_year(extractor, tmp_path):
    text = (
        "The 22nd Congress of the CPSU opened in Moscow.\n\n"
        "At the Moscow conference of November 1960 Enver Hoxha had attacked Khrushchev.\n\n"
        "In his report to the congress on 17 October, Khrushchev denounced the Albanian leaders. "
        "On 19 October Zhou Enlai criticized Khrushchev."
    )
    facts = facts_of(extractor, tmp_path, text)
    assert find(facts, "CONDEMNED", "nikita-khrushchev", "albania").date == "1961-10-17"
    assert find(facts, "CONDEMNED", "zhou-enlai", "nikita-khrushchev").date == "1961-10-19"
    assert find(facts, "CONDEMNED", "enver-hoxha", "nikita-khrushchev").date == "1960-11"


def test_a_day_outside_the_event_keeps_the_narrative_year(extractor, tmp_path):
    text = "The 22nd Congress of the CPSU opened in Moscow.\n\nIn March 1960 Hoxha met Zhou Enlai. At the congress on 2 April, Khrushchev denounced the Albanian leaders."
    facts = facts_of(extractor, tmp_path, text)
    assert find(facts, "CONDEMNED", "nikita-khrushchev", "albania").date == "1960-04-02"
