"""Factions: balance, Louvain and Leiden on the miniature story, time slices, robustness, write-back, the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fixtures_corpus import CCP, CPD, CPSU, LCY, PLA, PUWP, WPK, mini_bloc, mini_facts, gold_graph  # noqa: F401 (a fixture)
from graph.analysis import factions as fa
from graph.analysis.projections import window
from graph.stores.file import FileStore
from neo4j_fixtures import neo4j_settings_fx, neo4j_store  # noqa: F401 - fixtures

CAMP_A = [CCP, CPSU, PLA, WPK]
CAMP_B = [CPD, "hungary", LCY, PUWP]


def test_balance_over_all_dates_frustrates_only_the_1955_rapprochement():
    r = fa.factions(mini_bloc())
    assert r.camps == [CAMP_A, CAMP_B]
    assert r.frustration == 1 and r.total_signed == 10
    assert r.solver == "exact (branch and bound)"
    [f] = r.frustrated
    assert (f["a"]["id"], f["b"]["id"], f["why"]) == (CPSU, LCY, "positive across camps")
    assert f["relationships"][0]["quote"] == "He also mended fences with the Yugoslav leader Iosip Broz Tito"
    assert f["relationships"][0]["date"] == "1955"


def test_balance_1956_1957_puts_china_and_albania_against_yugoslavia():
    r = fa.factions(mini_bloc(), win=window(date_from="1956", date_to="1957"))
    assert r.frustration == 0
    assert r.camp_of(CCP) == r.camp_of(PLA) == r.camp_of(CPSU) != r.camp_of(LCY)


def test_as_of_1955_the_soviets_and_yugoslavs_stand_together():
    r = fa.factions(mini_bloc(), win=window(as_of="1955"))
    assert r.camps == [[CPSU, LCY]]


def test_json_shape_is_the_documented_one():
    d = fa.factions(mini_bloc()).as_dict()
    assert {"method", "window", "frustration", "modularity", "factions", "projection", "solver", "frustrated"} <= set(d)
    assert d["method"] == "balance" and d["modularity"] is None and d["window"]["label"] == "all dates"
    member = d["factions"][0]["members"][0]
    assert set(member) == {"id", "name", "label", "confidence"}
    assert member == {"id": CCP, "name": "Chinese Communist Party", "label": "Party", "confidence": 1.0}
    assert [f["id"] for f in d["factions"]] == ["A", "B"]
    assert json.dumps(d, sort_keys=True) == json.dumps(fa.factions(mini_bloc()).as_dict(), sort_keys=True)


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_communities_of_cooperation_and_co_attendance(method):
    r = fa.factions(mini_bloc(), method=method)
    assert r.camps == [CAMP_A, [CPD, LCY]]
    assert r.modularity == pytest.approx(0.125)
    assert r.frustration == 1  # judged against the signed ties too: the 1955 rapprochement again
    assert all(c == 1.0 for c in r.confidence.values())
    assert r.as_dict() == fa.factions(mini_bloc(), method=method).as_dict()
    assert "consensus of 20 runs from seed 0" in r.solver


def test_communities_modularity_matches_networkx():
    import networkx as nx

    r = fa.factions(mini_bloc(), method="leiden")
    h = r.projection.graph
    assert r.modularity == pytest.approx(nx.community.modularity(h, [set(c) for c in r.camps], weight="weight"), abs=1e-6)


def test_slices_by_year_name_camps_consistently_and_list_who_moved():
    s = fa.slices(mini_bloc())
    assert [w.projection.window.describe() for w in s.windows] == ["1955", "1956", "1957"]
    assert s.changes == [{"id": CPSU, "name": "Communist Party of the Soviet Union", "from_year": 1956, "to_year": 1957, "from": "A", "to": "B"}]
    d = s.as_dict()
    y1957 = d["slices"][2]["factions"]
    yugoslav_camp = next(f["id"] for f in y1957 if any(m["id"] == LCY for m in f["members"]))
    assert yugoslav_camp == "A"  # the Yugoslavs keep the name of the camp they had in 1955


def test_robustness_reports_what_survives_dropping_single_source_ties():
    twice = [
        ("CONDEMNED", "enver-hoxha", "josip-broz-tito", "Hoxha against Tito, again", {"date": "1957", "sources": ["mini", "other"]}),
        ("SUPPORTED", "mao-zedong", "enver-hoxha", "Mao backs Hoxha", {"date": "1957", "sources": ["mini", "other"]}),
    ]
    from graph.build import build_graph

    g = build_graph(mini_facts(extra=twice))
    r = fa.robustness(g)
    assert r["check"] == "drop relationships with fewer than 2 sources"
    assert [m["id"] for m in r["kept"]] == [CCP, LCY, PLA]
    assert len(r["lost"]) == r["members_before"] - 3 and r["moved"] == []
    assert fa.robustness(g, by="quotes")["kept"] == r["kept"]


def test_properties_for_write_back():
    props = fa.properties(fa.factions(mini_bloc()))
    assert props[CCP] == {"faction": "A", "faction_confidence": 1.0, "faction_method": "balance", "faction_window": "all dates"}
    assert props[LCY]["faction"] == "B"


def test_unknown_method():
    with pytest.raises(ValueError):
        fa.factions(mini_bloc(), method="astrology")


# -- the command ----------------------------------------------------------------
@pytest.fixture()
def mini_store(tmp_path):
    path = tmp_path / "store"
    FileStore(path).load(mini_facts())
    return path


def bloc(store, *args):
    from cli import cli

    return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False, env={"NEO4J_URI": None})


def test_cli_factions_formats(mini_store):
    r = bloc(mini_store, "factions", "--format", "json")
    d = json.loads(r.stdout)
    assert d["frustration"] == 1 and [f["id"] for f in d["factions"]] == ["A", "B"]
    md = bloc(mini_store, "factions", "--format", "markdown").stdout
    assert "| A | 0 | 4 |" in md and "He also mended fences with the Yugoslav leader Iosip Broz Tito" in md
    table = bloc(mini_store, "factions").stdout
    assert "Frustration: 1 of 10 signed relationships" in table and "positive across camps" in table
    assert bloc(mini_store, "factions", "--format", "json").stdout == r.stdout


def test_cli_factions_windows_slices_and_methods(mini_store):
    d = json.loads(bloc(mini_store, "factions", "--from", "1956", "--to", "1957", "--format", "json").stdout)
    assert d["frustration"] == 0 and d["window"]["label"] == "1956..1957"
    d = json.loads(bloc(mini_store, "factions", "--by", "year", "--format", "json").stdout)
    assert [s["window"]["label"] for s in d["slices"]] == ["1955", "1956", "1957"] and d["changes"][0]["id"] == CPSU
    d = json.loads(bloc(mini_store, "factions", "--method", "leiden", "--format", "json").stdout)
    assert d["modularity"] == pytest.approx(0.125)
    d = json.loads(bloc(mini_store, "factions", "--robustness", "--format", "json").stdout)
    assert [r["check"] for r in d["robustness"]] == ["drop relationships with fewer than 2 sources", "drop relationships with fewer than 2 quotes"]
    bad = bloc(mini_store, "factions", "--as-of", "Nov 1957")
    assert bad.exit_code == 2 and "ISO date" in bad.stderr


def test_cli_factions_write_back(mini_store):
    r = bloc(mini_store, "factions", "--write-back", "--format", "json")
    assert r.exit_code == 0 and "wrote analysis properties to 8 nodes" in r.stderr
    g = FileStore(mini_store).graph()
    assert g.nodes[CCP]["faction"] == "A" and g.nodes[LCY]["faction"] == "B"
    assert g.nodes[CCP]["faction_confidence"] == 1.0


def test_corpus_factions(sample_graph):
    """On the sample corpus: cooperation and co-attendance put the Chinese and Albanian parties together (the
    Soviet-Yugoslav rapprochement, a positive tie, may pull the Yugoslavs in: communities ignore conflict);
    the signed ties set the Yugoslav party apart from both."""
    for method in ("louvain", "leiden"):
        r = fa.factions(sample_graph, method=method)
        assert r.camp_of(CCP) == r.camp_of(PLA) is not None
        assert r.modularity > 0.1
        assert r.as_dict() == fa.factions(sample_graph, method=method).as_dict()
    every = fa.factions(sample_graph)
    assert every.solver == "exact (branch and bound)"
    assert LCY in every.projection.graph and every.camp_of(LCY) not in (every.camp_of(CCP), every.camp_of(PLA))
    for f in every.frustrated:
        assert f["relationships"] and all(t["quote"] for t in f["relationships"])
    # the Soviet-Yugoslav rapprochement is frustrated: the Soviets stand with the Chinese, away from the Yugoslavs
    assert every.camp_of(CPSU) == every.camp_of(CCP)
    rapprochement = [t for f in every.frustrated for t in f["relationships"] if {t["from"], t["to"]} & {"yugoslavia", "josip-broz-tito", LCY}]
    assert rapprochement and all(t["polarity"] > 0 for t in rapprochement)


def test_gold_factions_say_what_a_historian_would(gold_graph):
    """With the relations a reader finds in the sample texts: the Chinese and Albanian parties in one camp,
    the Yugoslav party in the other; the Soviet-Yugoslav rapprochement among the frustrated relationships."""
    for win in (window(), window(date_from="1956", date_to="1957", undated=True)):
        r = fa.factions(gold_graph, win=win)
        assert r.camp_of(CCP) == r.camp_of(PLA) == r.camp_of(CPSU) != r.camp_of(LCY)
        assert r.solver == "exact (branch and bound)"
        quotes = [t["quote"] for f in r.frustrated for t in f["relationships"]]
        assert "He also mended fences with the Yugoslav leader Iosip Broz Tito" in quotes
        assert "gradual normalization of relations between the Soviet Union and Yugoslavia" in quotes
        assert r.frustration == len(quotes) and r.frustration <= r.total_signed // 4


@pytest.mark.neo4j
def test_write_back_to_neo4j(neo4j_store, neo4j_settings_fx):
    """--write-back on the Neo4j store: camps and centrality become node properties there too."""
    from cli import cli

    neo4j_store.load(mini_facts())
    uri, user, password = neo4j_settings_fx
    env = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password, "BLOC_STORE": ""}
    r = CliRunner().invoke(cli, ["factions", "--write-back", "--format", "json"], env=env)
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["centrality", "--measure", "pagerank", "--write-back", "--format", "json"], env=env)
    assert r.exit_code == 0, r.output
    g = neo4j_store.graph()
    assert g.nodes[CCP]["faction"] == g.nodes[CPSU]["faction"] != g.nodes[LCY]["faction"]
    assert g.nodes[CCP]["faction_method"] == "balance" and g.nodes["mao-zedong"]["centrality_pagerank"] > 0


def test_actors_whose_ties_cancel_out_are_listed_not_placed():
    from fixtures_corpus import P, graph_of, party, state

    nodes = [state("china", "China"), state("soviet-union", "Soviet Union"), party(CCP, "Chinese Communist Party", "china"),
             party(CPSU, "Communist Party of the Soviet Union", "soviet-union"), P("mao-zedong", "Mao Zedong", CCP), P("nikita-khrushchev", "Nikita Khrushchev", CPSU)]
    g = graph_of(nodes, [("SUPPORTED", "mao-zedong", "nikita-khrushchev", "he publicly affirmed support for Khrushchev", {"date": "1957-11-18"}),
                         ("SPLIT_WITH", "china", "soviet-union", "which would later result in the Sino-Soviet split", {"date": "1957"})])
    r = fa.factions(g)
    assert r.camps == [] and [u["id"] for u in r.unplaced] == [CCP, CPSU]
    assert [t["type"] for t in r.unplaced[0]["relationships"]] == ["SPLIT_WITH", "SUPPORTED"]  # 1957 sorts before 1957-11-18
    assert r.as_dict()["unplaced"][1]["name"] == "Communist Party of the Soviet Union"
