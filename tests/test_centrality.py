"""Centrality: exact scores on small graphs, approximate betweenness said so, brokers, and the CLI."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from fixtures_corpus import mini_bloc, mini_facts, gold_graph  # noqa: F401 (a fixture)
from graph.analysis import centrality as ce
from graph.analysis.projections import Projection, Window, project
from graph.stores.file import FileStore


def proj(h: nx.Graph) -> Projection:
    for n in h:
        h.nodes[n].update(name=n.upper(), label="Party" if n.startswith("p") else "Person")
    return Projection("ties", "actor", Window(), h)


def star():
    return proj(nx.Graph([("hub", "p1"), ("hub", "p2"), ("hub", "p3"), ("hub", "p4")]))


def test_star_center_leads_every_measure():
    for m in ce.MEASURES + ("all",):
        r = ce.centrality(star(), m)
        assert r.ranking[0]["id"] == "hub"
    r = ce.centrality(star(), "degree")
    assert [(x["id"], x["score"]) for x in r.ranking] == [("hub", 1.0), ("p1", 0.25), ("p2", 0.25), ("p3", 0.25), ("p4", 0.25)]
    r = ce.centrality(star(), "betweenness")
    assert r.ranking[0]["score"] == 1.0 and r.ranking[1]["score"] == 0.0
    assert r.methods["betweenness"] == "exact (Brandes)"


def test_path_betweenness_and_pagerank_sum():
    r = ce.centrality(proj(nx.path_graph(["a", "b", "c", "d", "e"])), "betweenness", top=None)
    assert {x["id"]: x["score"] for x in r.ranking} == {"c": pytest.approx(4 / 6), "b": pytest.approx(3 / 6), "d": pytest.approx(3 / 6), "a": 0.0, "e": 0.0}
    pr = ce.centrality(proj(nx.path_graph(["a", "b", "c"])), "pagerank", top=None)
    assert sum(x["score"] for x in pr.ranking) == pytest.approx(1.0)


def test_eigenvector_is_scaled_per_component():
    h = nx.Graph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "z"), ("z", "x")])
    ev = ce.eigenvector(h)
    assert ev["x"] == pytest.approx(1.0) and ev["b"] == pytest.approx(2**0.5 / 2)  # path: sqrt(2), triangle: 2
    assert ev["a"] == pytest.approx(0.5)


def test_brokers_have_few_ties_but_sit_between():
    # two cliques joined through one go-between
    h = nx.Graph()
    for group in (["p1", "p2", "p3", "p4", "p5"], ["q1", "q2", "q3", "q4", "q5"]):
        h.add_edges_from((a, b) for i, a in enumerate(group) for b in group[i + 1 :])
    h.add_edges_from([("p1", "go"), ("go", "q1")])
    r = ce.centrality(proj(h), "all", top=3)
    assert [b["id"] for b in r.brokers] == ["go"]
    assert r.brokers[0]["ties"] == 2


def test_large_networks_get_approximate_betweenness_and_say_so():
    h = nx.relabel_nodes(nx.connected_watts_strogatz_graph(300, 4, 0.1, seed=1), lambda i: f"p{i:03}")
    r = ce.centrality(proj(h), "betweenness", exact_limit=100, samples=50, seed=3)
    assert r.methods["betweenness"] == "approximate: 50 sampled sources of 300 (seed 3)"
    again = ce.centrality(proj(h), "betweenness", exact_limit=100, samples=50, seed=3)
    assert r.ranking == again.ranking


def test_label_filter_and_json_shape():
    r = ce.centrality(star(), "pagerank", labels=["Party"])
    assert [x["id"] for x in r.ranking] == ["p1", "p2", "p3", "p4"]
    d = r.as_dict()
    assert d["measure"] == "pagerank" and set(d["ranking"][0]) == {"id", "name", "label", "score", "rank"}


def test_khrushchev_and_mao_lead_the_miniature():
    r = ce.centrality(project(mini_bloc(), "ties", "actor"), "all", top=2)
    assert [x["id"] for x in r.ranking] == ["nikita-khrushchev", "mao-zedong"]
    props = ce.properties(r)
    assert set(props["mao-zedong"]) == {"centrality_degree", "centrality_betweenness", "centrality_eigenvector", "centrality_pagerank"}


def test_cli_centrality(tmp_path):
    from cli import cli

    store = tmp_path / "store"
    FileStore(store).load(mini_facts())
    run = lambda *a: CliRunner().invoke(cli, ["--store", str(store), "centrality", *a], catch_exceptions=False, env={"NEO4J_URI": None})  # noqa: E731
    d = json.loads(run("--measure", "degree", "--top", "2", "--label", "Person", "--format", "json").stdout)
    assert [x["id"] for x in d["ranking"]] == ["mao-zedong", "nikita-khrushchev"]
    assert "Nikita Khrushchev" in run("--format", "markdown").stdout
    r = run("--measure", "pagerank", "--write-back")
    assert r.exit_code == 0 and FileStore(store).graph().nodes["mao-zedong"]["centrality_pagerank"] > 0


def test_corpus_centrality(sample_graph):
    """On the sample corpus: exact betweenness, every score finite, heads of the big delegations ranked;
    once the texts' signed ties are read, Khrushchev and Mao are among the ten most central people."""
    r = ce.centrality(project(sample_graph, "ties", "actor"), "all", top=None)
    assert r.methods["betweenness"] == "exact (Brandes)"
    assert all(0 <= x["score"] <= 1 for x in r.ranking)
    people = ce.centrality(project(sample_graph, "ties", "actor"), "all", top=10, labels=["Person"])
    ids = [x["id"] for x in people.ranking]
    if project(sample_graph, "signed", "actor").graph.number_of_edges() >= 10:
        assert "nikita-khrushchev" in ids and "mao-zedong" in ids


def test_gold_centrality_puts_khrushchev_and_mao_in_front(gold_graph):
    ties = project(gold_graph, "ties", "actor")
    r = ce.centrality(ties, "all", top=5)
    assert r.ranking[0]["id"] == "nikita-khrushchev"
    assert "mao-zedong" in [x["id"] for x in r.ranking]
    people = ce.centrality(ties, "all", top=2, labels=["Person"])
    assert [x["id"] for x in people.ranking] == ["nikita-khrushchev", "mao-zedong"]
