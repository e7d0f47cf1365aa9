"""Every exporter round-trips: what is written reads back to the same graph."""

import csv
import io
import json

import networkx as nx
import pytest

from graph.export import JSON_FIELDS, export, read_graphml, unflatten, write_gexf, write_graphml, write_json


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert sorted(a.nodes) == sorted(b.nodes)
    for n in a.nodes:
        assert dict(a.nodes[n]) == dict(b.nodes[n]), n
    ea = sorted((u, v, k, tuple(sorted(d.items(), key=str))) for u, v, k, d in a.edges(keys=True, data=True))
    eb = sorted((u, v, k, tuple(sorted(d.items(), key=str))) for u, v, k, d in b.edges(keys=True, data=True))
    assert ea == eb


def test_graphml_round_trip_with_networkx(sample_graph, tmp_path):
    (path,) = export(sample_graph, "graphml", str(tmp_path / "g.graphml"))
    with open(path, "rb") as fh:
        back = read_graphml(fh)
    same_graph(sample_graph, back)
    raw = nx.read_graphml(path)  # plain networkx, as Gephi-like tools see it
    some = next(n for n, d in raw.nodes(data=True) if d["label"] == "Party")
    assert {"label", "id", "name", "aliases"} <= set(raw.nodes[some])
    assert isinstance(json.loads(raw.nodes[some]["aliases"]), list)
    e = next(iter(raw.edges(data=True)))[2]
    assert {"type", "quote", "source", "start_char", "end_char", "method"} <= set(e)


def test_graphml_is_deterministic(sample_graph):
    a, b = io.BytesIO(), io.BytesIO()
    write_graphml(sample_graph, a)
    write_graphml(sample_graph.copy(), b)
    assert a.getvalue() == b.getvalue()


def test_gexf_round_trip(sample_graph):
    buf = io.BytesIO()
    write_gexf(sample_graph, buf)
    buf.seek(0)
    h = nx.read_gexf(buf)
    g = nx.MultiDiGraph()
    for n, d in h.nodes(data=True):
        d = unflatten(d)
        assert d.pop("label") == d["name"]  # Gephi shows the name
        d["label"] = d.pop("node_label")
        assert "id" not in d  # GEXF's own node id is the bloc id
        g.add_node(n, id=n, **d)
    for u, v, d in h.edges(data=True):  # GEXF keeps the edge key as the edge id
        d = unflatten(d)
        assert d.pop("label") == d["rel_type"]
        d["type"] = d.pop("rel_type")
        g.add_edge(u, v, key=d.pop("id"), **d)
    assert sorted(g.nodes) == sorted(sample_graph.nodes)
    for n in g.nodes:
        assert g.nodes[n] == sample_graph.nodes[n]
    assert sorted(g.edges(keys=True)) == sorted(sample_graph.edges(keys=True))
    for u, v, k, d in g.edges(keys=True, data=True):
        assert d == sample_graph.edges[u, v, k]


def test_json_round_trip(sample_graph):
    buf = io.StringIO()
    write_json(sample_graph, buf)
    back = nx.node_link_graph(json.loads(buf.getvalue()), edges="edges", multigraph=True, directed=True, **JSON_FIELDS)
    same_graph(sample_graph, back)


def test_csv_round_trip(sample_graph, tmp_path):
    nodes_path, rels_path = export(sample_graph, "csv", str(tmp_path / "csv"))
    with open(nodes_path, encoding="utf-8") as fh:
        nodes = {r["id"]: r for r in csv.DictReader(fh)}
    with open(rels_path, encoding="utf-8") as fh:
        rels = list(csv.DictReader(fh))
    assert set(nodes) == set(sample_graph.nodes)
    for n, d in sample_graph.nodes(data=True):
        assert nodes[n]["name"] == d["name"] and json.loads(nodes[n]["aliases"]) == d["aliases"] and nodes[n]["label"] == d["label"]
    assert len(rels) == sample_graph.number_of_edges()
    for r in rels:
        d = sample_graph.edges[r["source_id"], r["target_id"], r["key"]]
        assert r["type"] == d["type"] and r["quote"] == d["quote"] and json.loads(r["quotes"]) == d["quotes"]
        assert r["polarity"] == ("" if d.get("polarity") is None else str(d["polarity"]))
