"""Projections: exact ties of hand-made graphs at each level and in each window."""

from __future__ import annotations

import pytest

from fixtures_corpus import CCP, CPD, CPSU, LCY, PLA, PUWP, WPK, P, graph_of, mini_bloc, party, state
from graph.analysis.projections import Window, date_hi, date_lo, dated_years, project, window, year_window
from graph.model import Node


def weights(proj):
    return {(a, b): d["weight"] for a, b, d in proj.graph.edges(data=True)}


def test_iso_prefixes_span_their_whole_period():
    assert (date_lo("1956"), date_hi("1956")) == ("1956-01-01", "1956-12-31")
    assert (date_lo("1956-10"), date_hi("1956-10")) == ("1956-10-01", "1956-10-31")
    assert (date_lo("1956-10-23"), date_hi("1956-10-23")) == ("1956-10-23", "1956-10-23")


def test_windows():
    d56, d57, undated = {"date": "1956-10"}, {"start": "1957-11-16", "end": "1957-11-19"}, {}
    assert all(Window().admits(d) for d in (d56, d57, undated))
    w = window(as_of="1956")
    assert w.admits(d56) and not w.admits(d57) and not w.admits(undated)
    assert window(as_of="1956", undated=True).admits(undated)
    w = window(date_from="1957", date_to="1957-12")
    assert w.admits(d57) and not w.admits(d56)
    assert year_window(1957).admits({"date": "1957"}) and not year_window(1957).admits({"date": "1958-01"})
    with pytest.raises(ValueError):
        window(as_of="1956", date_from="1955")


def test_signed_party_level_sums_polarities_per_pair():
    p = project(mini_bloc(), "signed", "party")
    assert weights(p) == {
        (CCP, CPSU): 2.0,  # Mao supported Khrushchev; Suslov supported Mao
        (CCP, LCY): -1.0,
        (CCP, PLA): 1.0,  # Albania turned to China (states mapped to their ruling party)
        (CCP, WPK): 1.0,
        (CPD, LCY): 1.0,  # Larsen's pro-Yugoslav positions
        (CPSU, "hungary"): -1.0,  # Hungary has no ruling party in this graph: stays a state
        (CPSU, LCY): 1.0,  # the 1955 rapprochement
        (CPSU, PUWP): -1.0,  # Gomułka, First Secretary from 1956-10-21, against 'with the Soviet Union at the fore'
        (LCY, PLA): -1.0,
    }
    assert p.dropped == {"within one actor": 2}  # Larsen expelled by his party; Khrushchev purged Molotov
    e = p.graph.edges[CPSU, LCY]
    assert e["positive"] == 1 and e["negative"] == 0
    assert e["ties"][0]["quote"] == "He also mended fences with the Yugoslav leader Iosip Broz Tito"
    assert e["ties"][0]["date"] == "1955" and e["ties"][0]["type"] == "ALLIED_WITH"


def test_levels():
    g = mini_bloc()
    actor = project(g, "signed", "actor")
    assert ("mao-zedong", "nikita-khrushchev") in weights(actor)
    assert actor.graph.number_of_edges() == 12 and actor.dropped == {}
    country = project(g, "signed", "country")
    assert weights(country)[("china", "soviet-union")] == 2.0
    assert weights(country)[("denmark", "yugoslavia")] == 1.0
    assert set(country.graph) == {"albania", "china", "denmark", "hungary", "north-korea", "poland", "soviet-union", "yugoslavia"}


def test_people_are_mapped_to_their_party_at_the_date_of_the_relation():
    nodes = [
        state("hungary", "Hungary"),
        state("soviet-union", "Soviet Union"),
        party("hwp", "Hungarian Workers' Party", "hungary"),
        party("hswp", "Hungarian Socialist Workers' Party", "hungary"),
        party(CPSU, "Communist Party of the Soviet Union", "soviet-union"),
        P("janos-kadar", "János Kádár"),
        P("nikita-khrushchev", "Nikita Khrushchev", CPSU),
    ]
    rels = [
        ("MEMBER_OF", "janos-kadar", "hwp", "a member of Nagy's government", {"end": "1956-10"}),
        ("LEADER_OF", "janos-kadar", "hswp", "was enthroned as the new ruler of Hungary", {"start": "1956-11"}),
        ("MET_WITH", "janos-kadar", "nikita-khrushchev", "talks in 1955", {"date": "1955", "polarity": 1}),
        ("SUPPORTED", "nikita-khrushchev", "janos-kadar", "backed in 1957", {"date": "1957"}),
    ]
    p = project(graph_of(nodes, rels), "signed", "party")
    assert weights(p) == {(CPSU, "hswp"): 1.0, (CPSU, "hwp"): 1.0}


def test_co_attendance_weighs_each_event_one_over_n_minus_one():
    p = project(mini_bloc(), "co-attendance", "party")
    assert set(p.graph) == {CCP, CPSU, LCY, PLA}
    assert all(abs(d["weight"] - 1 / 3) < 1e-12 for _, _, d in p.graph.edges(data=True))
    assert p.graph.number_of_edges() == 6
    tie = p.graph.edges[CCP, LCY]["ties"][0]
    assert tie["type"] == "CO_ATTENDED" and tie["group"] == "moscow-meeting-1957" and tie["date"] == "1957-11-16"
    # at actor level the heads of delegation attend too
    assert {"mao-zedong", "nikita-khrushchev", "enver-hoxha"} <= set(project(mini_bloc(), "co-attendance", "actor").graph)


def test_positive_projection_is_cooperation_plus_co_attendance():
    p = project(mini_bloc(), "positive", "party")
    assert p.graph.edges[CCP, CPSU]["weight"] == pytest.approx(2 + 1 / 3)
    assert p.graph.edges[CCP, LCY]["weight"] == pytest.approx(1 / 3)  # their conflict is not in the positive projection
    assert not p.graph.has_edge(CPSU, PUWP)


def test_co_membership_and_ties():
    nodes = [party("p", "P", "s"), state("s", "S"), P("a", "A"), P("b", "B"), P("c", "C"), Node("org", "Organization", "Org")]
    rels = [("MEMBER_OF", x, "p", f"{x} in P") for x in "abc"] + [("MEMBER_OF", "p", "org", "P in Org")]
    g = graph_of(nodes, rels)
    cm = project(g, "co-membership", "actor")
    assert weights(cm) == {("a", "b"): 0.5, ("a", "c"): 0.5, ("b", "c"): 0.5}
    ties = project(g, "ties", "actor")
    assert weights(ties) == {("a", "p"): 1.0, ("b", "p"): 1.0, ("c", "p"): 1.0, ("org", "p"): 1.0}


def test_min_sources_and_windows_drop_relations_and_say_so():
    g = mini_bloc(extra=[("CONDEMNED", "enver-hoxha", "josip-broz-tito", "a second statement", {"date": "1957", "sources": ["mini", "other"]})])
    p = project(g, "signed", "party", min_sources=2)
    assert weights(p) == {(LCY, PLA): -1.0}
    assert p.dropped["fewer than 2 sources"] == 12
    p = project(g, "signed", "party", window(date_from="1956", date_to="1956"))
    assert weights(p) == {(CCP, PLA): 1.0, (CPSU, "hungary"): -1.0}
    assert p.dropped["undated"] == 1 and p.dropped["outside window"] == 10
    assert p.describe()["window"] == "1956..1956"


def test_dated_years_and_determinism():
    g = mini_bloc()
    assert dated_years(g) == [1955, 1956, 1957]
    a, b = project(g, "signed", "actor"), project(mini_bloc(), "signed", "actor")
    assert list(a.graph.edges(data=True)) == list(b.graph.edges(data=True))


def test_unknown_kind_or_level():
    with pytest.raises(ValueError):
        project(mini_bloc(), "hostile")
    with pytest.raises(ValueError):
        project(mini_bloc(), "signed", "planet")


def test_corpus_projections(sample_graph):
    """On the sample corpus: the 1957 meeting ties every attending party; the 12 ruling parties met twice."""
    co = project(sample_graph, "co-attendance", "party")
    assert co.graph.number_of_nodes() >= 60
    ccp_pla = co.graph.edges[CCP, PLA]["weight"]
    ccp_lcy = co.graph.edges[CCP, LCY]["weight"]
    assert ccp_pla > ccp_lcy > 0  # Albanians and Chinese at both meetings, the Yugoslavs only at the broader one
    signed = project(sample_graph, "signed", "party")
    assert all(d["ties"] and all(t["quote"] for t in d["ties"]) for _, _, d in signed.graph.edges(data=True))


def test_one_statement_read_from_both_ends_counts_once():
    nodes = [state("albania", "Albania"), state("soviet-union", "Soviet Union"), party(PLA, "Party of Labour of Albania", "albania"),
             party(CPSU, "Communist Party of the Soviet Union", "soviet-union"), P("enver-hoxha", "Enver Hoxha", PLA)]
    quote = "he subsequently broke free from Soviet control"
    g = graph_of(nodes, [("SPLIT_WITH", "enver-hoxha", "soviet-union", quote), ("SPLIT_WITH", "soviet-union", "albania", quote)])
    # the graph_of helper lays quotes end to end: make the second one rest on the first one's evidence
    assert project(g, "signed", "actor").graph.number_of_edges() == 2
    from graph.build import build_graph
    from graph.model import Evidence, Relation, SourceFacts

    ev = (Evidence("mini", 0, len(quote), quote, "pattern"),)
    src = Node("mini", "Source", "mini", title="mini", path="mini.txt", sha256="0" * 64)
    rels = (Relation("SPLIT_WITH", "enver-hoxha", "soviet-union", ev, polarity=-1), Relation("SPLIT_WITH", "soviet-union", "albania", ev, polarity=-1))
    g = build_graph([SourceFacts(src, tuple(nodes), rels)])
    p = project(g, "signed", "party")
    assert weights(p) == {(CPSU, PLA): -1.0} and p.dropped == {"same statement read twice": 1}
    assert project(g, "signed", "actor").graph.number_of_edges() == 2  # distinct actors: two ties
