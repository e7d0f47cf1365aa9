import pytest

from graph.build import build_graph, relations_of
from graph.errors import ModelError
from graph.model import Evidence, Node, Relation, SourceFacts, facts_from_dict, facts_to_dict, slugify

SRC = Node(id="source-a", label="Source", name="A", title="A", path="a.txt", sha256="0" * 64)


def ev(start, quote, source="source-a", method="pattern"):
    return Evidence(source, start, start + len(quote), quote, method)


def test_slugs_are_stable_ascii():
    assert slugify("Władysław Gomułka") == "wladyslaw-gomulka"
    assert slugify("People's Vanguard Party of Costa Rica") == "peoples-vanguard-party-of-costa-rica"
    assert slugify("Ernő Gerő") == "erno-gero"


def test_evidence_offsets_must_fit_the_quote():
    with pytest.raises(ModelError, match="do not fit"):
        Evidence("s", 0, 3, "four", "pattern")


def test_relation_rules():
    e = (ev(0, "x"),)
    with pytest.raises(ModelError, match="unknown type"):
        Relation("LIKES", "a", "b", e)
    with pytest.raises(ModelError, match="needs a polarity"):
        Relation("OPPOSED", "a", "b", e)
    with pytest.raises(ModelError, match="carries no polarity"):
        Relation("HEADED", "a", "b", e, polarity=1)
    with pytest.raises(ModelError, match="no evidence"):
        Relation("HEADED", "a", "b", ())
    with pytest.raises(ModelError, match="ISO date"):
        Relation("OPPOSED", "a", "b", e, polarity=-1, date="26 October 1957")


def test_same_fact_twice_is_one_relation_with_both_evidences():
    a = Node("a", "Person", "A")
    b = Node("b", "Party", "B")
    r1 = Relation("OPPOSED", "a", "b", (ev(10, "A opposed B."),), polarity=-1, date="1956")
    r2 = Relation("OPPOSED", "a", "b", (ev(50, "Again A opposed B."),), polarity=-1)
    g = build_graph([SourceFacts(SRC, (a, b), (r1, r2))])
    assert g.number_of_edges() == 1
    (d,) = [d for _, _, d in g.edges(data=True)]
    assert d["quotes"] == ["A opposed B.", "Again A opposed B."]
    assert d["evidence_count"] == 2 and d["date"] == "1956" and d["polarity"] == -1
    assert relations_of(g) == [r1.merged(r2)]


def test_build_is_order_independent_and_rejects_dangling_relations():
    a, b = Node("a", "Person", "A", aliases=("Ay",)), Node("b", "Party", "B")
    src2 = Node(id="source-b", label="Source", name="B", sha256="1" * 64)
    f1 = SourceFacts(SRC, (a, b), (Relation("MEMBER_OF", "a", "b", (ev(0, "A in B"),)),))
    f2 = SourceFacts(src2, (Node("a", "Person", "A", aliases=("A.",)),), ())
    g1, g2 = build_graph([f1, f2]), build_graph([f2, f1])
    assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))
    assert g1.nodes["a"]["aliases"] == ["A.", "Ay"]
    with pytest.raises(ModelError, match="names a node that no source describes"):
        build_graph([SourceFacts(SRC, (a,), (Relation("MEMBER_OF", "a", "zz", (ev(0, "A in B"),)),))])


def test_curated_node_beats_discovered_one():
    cur = Node("x", "Party", "X Party", country="c")
    disc = Node("x", "Party", "X party", discovered=True)
    m = disc.merged(cur)
    assert m.name == "X Party" and m.country == "c" and not m.discovered and "X party" in m.aliases


def test_facts_round_trip_through_dict(sample_facts):
    for f in sample_facts:
        assert facts_from_dict(facts_to_dict(f)) == f
