"""Hand-made graphs for exact checks of the analyses: small, with the corpus's own quotes.

`mini_bloc()` is a dozen actors of the 1954-1957 story, stated the way the
sample texts state them; `graph_of()` builds any such graph from short specs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.build import build_graph
from graph.model import INTERACTION, Evidence, Node, Relation, SourceFacts


def graph_of(nodes: list[Node], rels: list[tuple], source: str = "mini") -> nx.MultiDiGraph:
    """Nodes plus relations (type, from, to, quote, {extra}) -> a built graph (see `facts_of`)."""
    return build_graph(facts_of(nodes, rels, source))


def facts_of(nodes: list[Node], rels: list[tuple], source: str = "mini") -> list[SourceFacts]:
    """Nodes plus relations -> one SourceFacts per source named; quotes are laid end to end.

    ``{"sources": ["a", "b"]}`` in a relation's extras states it in two sources.
    """
    text, relations = "", []
    for spec in rels:
        t, a, b, quote, *rest = spec
        extra: dict[str, Any] = dict(rest[0]) if rest else {}
        sources = extra.pop("sources", [source])
        evidence = []
        for s in sources:
            start = len(text)
            text += quote + "\n"
            evidence.append(Evidence(s, start, start + len(quote), quote, extra.pop("method", "curated") if s == sources[-1] else "curated"))
        if t in INTERACTION and "polarity" not in extra:
            extra["polarity"] = INTERACTION[t]
        relations.append(Relation(t, a, b, tuple(evidence), **extra))
    by_source: dict[str, list[Relation]] = {}
    for r in relations:
        by_source.setdefault(r.evidence[0].source, []).append(r)
    facts = []
    all_sources = sorted({e.source for r in relations for e in r.evidence} | {source})
    for s in all_sources:
        src = Node(s, "Source", s, title=s, path=f"{s}.txt", sha256="0" * 64)
        facts.append(SourceFacts(src, tuple(nodes) if s == source else (), tuple(by_source.get(s, ()))))
    return facts


def P(id_: str, name: str, party: str | None = None, country: str | None = None) -> Node:
    return Node(id_, "Person", name, party=party, country=country)


def party(id_: str, name: str, country: str, aliases: tuple[str, ...] = ()) -> Node:
    return Node(id_, "Party", name, aliases=aliases, country=country, ruling=True)


def state(id_: str, name: str) -> Node:
    return Node(id_, "State", name)


CPSU, CCP, LCY, PLA = "communist-party-of-the-soviet-union", "chinese-communist-party", "league-of-communists-of-yugoslavia", "party-of-labour-of-albania"
PUWP, CPD, WPK = "polish-united-workers-party", "communist-party-of-denmark", "workers-party-of-korea"


def mini_bloc(**kwargs: Any) -> nx.MultiDiGraph:
    """The 1954-1957 story in miniature: who supported, condemned, opposed whom, with dates and quotes."""
    return build_graph(mini_facts(**kwargs))


def mini_facts(extra: list[tuple] = ()) -> list[SourceFacts]:
    """The facts behind `mini_bloc`, plus any `extra` relations."""
    nodes = [
        state("soviet-union", "Soviet Union"),
        state("china", "China"),
        state("yugoslavia", "Yugoslavia"),
        state("albania", "Albania"),
        state("poland", "Poland"),
        state("hungary", "Hungary"),
        state("denmark", "Denmark"),
        state("north-korea", "North Korea"),
        party(CPSU, "Communist Party of the Soviet Union", "soviet-union", ("CPSU",)),
        party(CCP, "Chinese Communist Party", "china", ("CCP",)),
        party(LCY, "League of Communists of Yugoslavia", "yugoslavia", ("LCY",)),
        party(PLA, "Party of Labour of Albania", "albania"),
        party(PUWP, "Polish United Workers' Party", "poland", ("PUWP",)),
        Node(CPD, "Party", "Communist Party of Denmark", country="denmark", ruling=False),
        party(WPK, "Workers' Party of Korea", "north-korea"),
        P("nikita-khrushchev", "Nikita Khrushchev", CPSU),
        P("mao-zedong", "Mao Zedong", CCP),
        P("josip-broz-tito", "Josip Broz Tito", LCY),
        P("enver-hoxha", "Enver Hoxha", PLA),
        P("wladyslaw-gomulka", "Władysław Gomułka"),
        P("aksel-larsen", "Aksel Larsen", CPD),
        P("mikhail-suslov", "Mikhail Suslov", CPSU),
        P("kim-il-sung", "Kim Il Sung", WPK),
        P("vyacheslav-molotov", "Vyacheslav Molotov", CPSU),
        Node("moscow-meeting-1957", "Event", "International Meeting of Communist and Workers Parties", start="1957-11-16", end="1957-11-19"),
        Node("ccp-delegation-1957", "Delegation", "Chinese delegation, 1957"),
        Node("cpsu-delegation-1957", "Delegation", "Soviet delegation, 1957"),
        Node("pla-delegation-1957", "Delegation", "Albanian delegation, 1957"),
        Node("lcy-delegation-1957", "Delegation", "Yugoslav delegation, 1957"),
        Node("declaration-1957", "Document", "Moscow Declaration", date="1957-11"),
    ]
    rels = [
        ("SUPPORTED", "mao-zedong", "nikita-khrushchev", "he publicly affirmed support for Khrushchev's leadership in his struggle against the \"Anti-Party Group\"", {"date": "1957-11-18"}),
        ("ALLIED_WITH", "nikita-khrushchev", "josip-broz-tito", "He also mended fences with the Yugoslav leader Iosip Broz Tito", {"date": "1955"}),
        ("OPPOSED", CCP, LCY, "The Chinese Communist Party had managed pushed the Soviets to adopt a tougher stand against Yugoslav revisionism", {"date": "1957-11"}),
        ("CONDEMNED", "enver-hoxha", "yugoslavia", "The Albanian leader Enver Hoxha had published a statement on October 26, 1957, condemning the Yugoslav positions", {"date": "1957-10-26"}),
        ("SUPPORTED", "mikhail-suslov", "mao-zedong", "at the Moscow meeting Mao was supported by Maurice Thorez and Mikhail Suslov on this point", {"date": "1957-11"}),
        ("SUPPORTED", "aksel-larsen", "yugoslavia", "the Danish communist leader Aksel Larsen voiced pro-Yugoslav positions", {"date": "1957-11"}),
        ("EXPELLED", CPD, "aksel-larsen", "for which he was subsequently expelled from his party"),
        ("ALLIED_WITH", "albania", "china", "he subsequently broke free from Soviet control by turning to China", {"date": "1956"}),
        ("OPPOSED", "wladyslaw-gomulka", CPSU, "Gomułka had unsuccessfully lobbied to exclude the wording 'with the Soviet Union at the fore'", {"date": "1957-11"}),
        ("INTERVENED_IN", "soviet-union", "hungary", "On 31 October the Soviet leader authorized a massive military intervention in Hungary.", {"date": "1956-10-31"}),
        ("MET_WITH", "mao-zedong", "kim-il-sung", "by holding bilateral talks with the Korean leader Kim Il Sung", {"date": "1957-11", "polarity": 1}),
        ("PURGED", "nikita-khrushchev", "vyacheslav-molotov", "Viacheslav Molotov, whom Khrushchev—just—managed to purge in 1957", {"date": "1957"}),
        ("REFUSED_TO_SIGN", LCY, "declaration-1957", "the Yugoslavs refused to sign the documents of the meeting"),
        ("SIGNED", CCP, "declaration-1957", "the Chinese Communist Party signed both the declaration and peace manifesto"),
        ("LEADER_OF", "wladyslaw-gomulka", PUWP, "On 21 October 1956 Gomułka was put back in charge as the party's First Secretary.", {"role": "First Secretary", "start": "1956-10-21"}),
        ("LEADER_OF", "nikita-khrushchev", CPSU, "the First Secretary of the Soviet Communist Party, Nikita Khrushchev", {"role": "First Secretary"}),
        ("LEADER_OF", "josip-broz-tito", "yugoslavia", "the Yugoslav leader Iosip Broz Tito"),
        ("PARTY_OF", CPSU, "soviet-union", "Communist Party of the Soviet Union"),
        ("PARTY_OF", CCP, "china", "Chinese Communist Party"),
        ("PARTY_OF", LCY, "yugoslavia", "League of Communists of Yugoslavia"),
        ("PARTY_OF", PLA, "albania", "Party of Labour of Albania"),
        ("HEADED", "mao-zedong", "ccp-delegation-1957", "Chinese Communist Party, delegation headed by Mao Zedong."),
        ("HEADED", "nikita-khrushchev", "cpsu-delegation-1957", "Communist Party of the Soviet Union, delegation headed by Nikita Khrushchev."),
        ("HEADED", "enver-hoxha", "pla-delegation-1957", "Party of Labour of Albania, delegation headed by Enver Hoxha."),
        ("REPRESENTED", "ccp-delegation-1957", CCP, "Chinese Communist Party, delegation headed by Mao Zedong."),
        ("REPRESENTED", "cpsu-delegation-1957", CPSU, "Communist Party of the Soviet Union, delegation headed by Nikita Khrushchev."),
        ("REPRESENTED", "pla-delegation-1957", PLA, "Party of Labour of Albania, delegation headed by Enver Hoxha."),
        ("REPRESENTED", "lcy-delegation-1957", LCY, "League of Communists of Yugoslavia, delegation led by Edvard Kardelj and Aleksandar Ranković."),
        ("ATTENDED", "ccp-delegation-1957", "moscow-meeting-1957", "Chinese Communist Party, delegation headed by Mao Zedong."),
        ("ATTENDED", "cpsu-delegation-1957", "moscow-meeting-1957", "Communist Party of the Soviet Union, delegation headed by Nikita Khrushchev."),
        ("ATTENDED", "pla-delegation-1957", "moscow-meeting-1957", "Party of Labour of Albania, delegation headed by Enver Hoxha."),
        ("ATTENDED", "lcy-delegation-1957", "moscow-meeting-1957", "League of Communists of Yugoslavia, delegation led by Edvard Kardelj and Aleksandar Ranković."),
    ]
    return facts_of(nodes, rels + list(extra))


# -- the gold relations of the sample corpus, as the finished extractor should give them ------------
GOLD = Path(__file__).resolve().parent / "gold" / "relations.yaml"


def gold_relations(sample: list[SourceFacts], optional: bool = False) -> list[SourceFacts]:
    """The hand-annotated relations of tests/gold (required ones; the first id where several are right),
    cut from the sample texts by their quotes, as one SourceFacts per text."""
    import yaml

    from loaders.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    by_file = {Path(f.source.path).name: f for f in sample}
    items = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    rels: dict[str, list[Relation]] = {}
    wanted: set[str] = set()
    for it in items:
        if it.get("optional") and not optional:
            continue
        facts = by_file[it["source"]]
        text = Path(facts.source.path).read_text(encoding="utf-8")
        start = text.index(it["quote"])
        ev = Evidence(facts.source.id, start, start + len(it["quote"]), it["quote"], "curated")
        a = it["from"][0] if isinstance(it["from"], list) else it["from"]
        b = it["to"][0] if isinstance(it["to"], list) else it["to"]
        extra = {k: str(it[k]) for k in ("date", "start", "role") if k in it}
        if it["type"] in INTERACTION:
            extra["polarity"] = int(it.get("polarity", INTERACTION[it["type"]]))
        rels.setdefault(facts.source.id, []).append(Relation(it["type"], a, b, (ev,), **extra))
        wanted |= {a, b}
    out = []
    for f in sample:
        nodes = tuple(gaz[n].node for n in sorted(wanted) if n in gaz)
        out.append(SourceFacts(f.source, nodes, tuple(rels.get(f.source.id, ()))))
    return out


@pytest.fixture(scope="session")
def gold_graph(sample_facts):
    """The sample corpus's delegation lists and party names, plus its gold relations: the graph a perfect
    prose extractor would build (the extractor's own prose relations are left out, so this stays fixed)."""
    from dataclasses import replace

    structure = [replace(f, relations=tuple(r for r in f.relations if all(e.method in ("list", "name") for e in r.evidence))) for f in sample_facts]
    return build_graph([*structure, *gold_relations(sample_facts)])


def text_facts(extractor, tmp_path, text, name="t.txt"):
    """The facts of one small text written to a file under tmp_path."""
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    (facts,) = extractor.extract([path])
    return facts
