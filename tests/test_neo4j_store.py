"""The Neo4j store against the real server: schema, idempotent batched writes, read-back, faults."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.build import build_graph
from graph.errors import Neo4jError, StoreError
from graph.model import LABELS, REL_TYPES, Evidence, Node, Relation, SourceFacts
from graph.stores import open_store
from graph.stores.file import FileStore
from graph.stores.neo4j import Neo4jStore
from neo4j_fixtures import (  # noqa: F401 - fixtures
    CuttableProxy,
    counts,
    curated_facts,
    free_port,
    neo4j_settings_fx,
    neo4j_store,
    renamed,
    snapshot,
    wipe,
)

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parent.parent


def same_graph(a, b) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


@pytest.fixture()
def facts(sample_facts):
    return list(sample_facts) + [curated_facts()]


@pytest.fixture()
def file_store(tmp_path):
    return FileStore(tmp_path / "store")


# -- schema -----------------------------------------------------------------------
def test_constraints_are_created_first_and_only_once(neo4j_store, facts):
    _, rows = neo4j_store.run("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'bloc_' RETURN name")
    for (name,) in rows:
        neo4j_store.run(f"DROP CONSTRAINT {name}", write=True)  # a fresh server
    neo4j_store.load(facts)
    log = neo4j_store.last_write
    assert list(log.steps)[0] == "schema"
    assert log.counters["constraints_added"] == len(LABELS) + len(REL_TYPES)
    _, rows = neo4j_store.run(
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties WHERE name STARTS WITH 'bloc_' "
        "RETURN entityType, labelsOrTypes[0], properties, type"
    )
    got = {(e, lt, tuple(p), t) for e, lt, p, t in rows}
    assert {("NODE", label, ("id",), "UNIQUENESS") for label in LABELS} <= got
    assert {("RELATIONSHIP", t, ("key",), "RELATIONSHIP_UNIQUENESS") for t in REL_TYPES} <= got
    assert neo4j_store.ensure_schema() == 0  # IF NOT EXISTS, and not even sent when present


def test_ids_are_unique_per_label_on_the_server(neo4j_store, facts):
    neo4j_store.load(facts)
    with pytest.raises(Neo4jError):
        neo4j_store.run("CREATE (:Person {id: 'mao-zedong', name: 'again'})", write=True)


# -- loads --------------------------------------------------------------------------
def test_load_gives_the_file_stores_graph(neo4j_store, file_store, facts):
    result = neo4j_store.load(facts)
    expected = file_store.load(facts)
    assert result == expected and result.as_dict() == expected.as_dict()
    g = neo4j_store.graph()
    same_graph(g, file_store.graph())
    c = counts(neo4j_store)
    assert sum(v for k, v in c.items() if k.startswith("node:")) == g.number_of_nodes()
    assert sum(v for k, v in c.items() if k.startswith("rel:")) == g.number_of_edges()


def test_a_second_load_writes_nothing_and_changes_nothing(neo4j_store, facts):
    first = neo4j_store.load(facts)
    before = snapshot(neo4j_store)
    second = neo4j_store.load(facts)
    assert second.added == () and second.replaced == () and len(second.unchanged) == len(facts)
    assert (second.nodes, second.relationships) == (first.nodes, first.relationships)
    assert neo4j_store.last_write.transactions == 0 and not neo4j_store.last_write.changed
    assert snapshot(neo4j_store) == before
    # and a load in another order, from another process's point of view, is the same
    Neo4jStore(neo4j_store.uri, *_auth()).load(list(reversed(facts)))
    assert snapshot(neo4j_store) == before


def _auth():
    return os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")


def test_the_same_fact_from_two_texts_is_one_relationship_with_both_evidences(neo4j_store, file_store, sample_facts):
    twice = list(sample_facts) + renamed(sample_facts, 1)
    neo4j_store.load(sample_facts)
    result = neo4j_store.load(twice)
    assert len(result.added) == len(sample_facts) and len(result.unchanged) == len(sample_facts)
    g = neo4j_store.graph()
    file_store.load(twice)
    same_graph(g, file_store.graph())
    _, rows = neo4j_store.run("MATCH ()-[r]->() WITH r.key AS key, count(*) AS n WHERE n > 1 RETURN key")
    assert rows == []  # never duplicated
    once = build_graph(sample_facts)
    _, rows = neo4j_store.run("MATCH ()-[r]->() RETURN r.key, r.evidence_count, size(r.quotes)")
    assert len(rows) == once.number_of_edges() == g.number_of_edges()
    for key, n, quotes in rows:
        (a, b, d), = [(a, b, d) for a, b, k, d in once.edges(keys=True, data=True) if k == key]
        assert n == quotes == 2 * d["evidence_count"]
    before = snapshot(neo4j_store)
    neo4j_store.load(twice)
    assert snapshot(neo4j_store) == before


def test_a_changed_text_replaces_its_own_evidence(tmp_path, neo4j_store, file_store, extractor):
    text = tmp_path / "t.txt"
    text.write_text("= Helsinki Congress of 1960 =\n\n==Delegations==\n- Communist Party of Finland, delegation headed by Ville Pessi.\n", encoding="utf-8")
    first = extractor.extract([text])
    neo4j_store.load(first)
    assert "ville-pessi" in neo4j_store.graph()
    text.write_text("= Helsinki Congress of 1960 =\n\n==Delegations==\n- Communist Party of Finland, delegation headed by Aimo Aaltonen.\n", encoding="utf-8")
    second = extractor.extract([text])
    result = neo4j_store.load(second)
    assert result.replaced == ("source-t",)
    g = neo4j_store.graph()
    assert "ville-pessi" not in g and "aimo-aaltonen" in g
    file_store.load(first)
    file_store.load(second)
    same_graph(g, file_store.graph())
    _, rows = neo4j_store.run("MATCH (s:Source {id: 'source-t'}) RETURN s.sha256, s.facts")
    assert rows[0][0] == second[0].source.sha256 and "Aimo Aaltonen" in rows[0][1]


def _one(source_id: str, nodes: list[Node], rels: list[tuple]) -> SourceFacts:
    text = ""
    relations = []
    for t, a, b, quote, extra in rels:
        start = len(text)
        text += quote + " "
        relations.append(Relation(t, a, b, (Evidence(source_id, start, start + len(quote), quote, "curated"),), **extra))
    src = Node(source_id, "Source", source_id, title=source_id, sha256=str(abs(hash(text))))
    return SourceFacts(src, tuple(nodes), tuple(relations))


def test_changed_labels_and_dropped_properties_leave_no_trace(neo4j_store, file_store):
    v1 = _one(
        "source-x",
        [Node("zed", "Person", "Zed", born="1900", aliases=("Z",)), Node("ruritania", "State", "Ruritania")],
        [("LEADER_OF", "zed", "ruritania", "Zed led Ruritania.", {"role": "premier", "start": "1950"})],
    )
    v2 = _one(
        "source-x",
        [Node("zed", "Party", "Zed Party"), Node("ruritania", "State", "Ruritania")],
        [("PARTY_OF", "zed", "ruritania", "The Zed Party ruled Ruritania.", {})],
    )
    neo4j_store.load([v1])
    neo4j_store.load([v2])
    file_store.load([v1])
    file_store.load([v2])
    same_graph(neo4j_store.graph(), file_store.graph())
    _, rows = neo4j_store.run("MATCH (n {id: 'zed'}) RETURN labels(n), properties(n)")
    assert len(rows) == 1 and rows[0][0] == ["Party"]
    assert "born" not in rows[0][1] and rows[0][1]["aliases"] == []
    assert counts(neo4j_store).get("rel:LEADER_OF") is None


def test_analysis_properties_survive_reloads(neo4j_store, file_store, facts):
    neo4j_store.load(facts)
    file_store.load(facts)
    props = {"mao-zedong": {"faction": 1, "pagerank": 0.25}, "nikita-khrushchev": {"faction": 2, "pagerank": 0.5}, "no-such-node": {"faction": 3}}
    assert neo4j_store.write_properties(props) == 2
    file_store.write_properties(props)
    neo4j_store.load(facts)  # unchanged texts
    neo4j_store.load(facts + renamed(facts[:1], 7))  # a new text touches Mao's relationships and node
    file_store.load(facts + renamed(facts[:1], 7))
    g = neo4j_store.graph()
    assert g.nodes["mao-zedong"]["faction"] == 1 and g.nodes["mao-zedong"]["pagerank"] == 0.25
    same_graph(g, file_store.graph())
    with pytest.raises(StoreError, match="property of the model"):
        neo4j_store.write_properties({"mao-zedong": {"name": "Mao"}})


def test_a_bad_fact_writes_nothing(neo4j_store, facts):
    neo4j_store.load(facts[:1])
    before = snapshot(neo4j_store)
    orphan = _one("source-bad", [], [("SUPPORTED", "nobody", "mao-zedong", "Nobody supported Mao.", {"polarity": 1})])
    with pytest.raises(Exception, match="names a node that no source describes"):
        neo4j_store.load([orphan])
    assert snapshot(neo4j_store) == before


# -- connections ----------------------------------------------------------------------
def test_routing_uris_and_the_database_option(neo4j_settings_fx, facts):
    uri, user, password = neo4j_settings_fx
    routed = "neo4j://" + uri.split("://", 1)[1]
    with Neo4jStore(routed, user, password, database="neo4j") as store:
        wipe(store)
        result = store.load(facts)
        assert store.graph().number_of_nodes() == result.nodes
    with Neo4jStore(uri, user, password, database="no-such-database") as store:
        with pytest.raises(Neo4jError, match="no database 'no-such-database'"):
            store.graph()


def test_open_store_picks_neo4j_from_the_environment(monkeypatch, neo4j_settings_fx, tmp_path):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings_fx[0])
    store = open_store(store_dir=str(tmp_path))
    assert isinstance(store, Neo4jStore)
    store.close()
    monkeypatch.delenv("NEO4J_URI")
    assert isinstance(open_store(store_dir=str(tmp_path)), FileStore)


def _one_line_error(exc: Exception) -> str:
    text = str(exc)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_wrong_password_is_one_line_within_seconds(neo4j_settings_fx):
    uri, user, _ = neo4j_settings_fx
    t0 = time.monotonic()
    with Neo4jStore(uri, user, "not-the-password") as store, pytest.raises(Neo4jError) as err:
        store.graph()
    assert time.monotonic() - t0 < 5
    assert "refused the credentials" in _one_line_error(err.value)


def test_unreachable_server_is_one_line_within_seconds():
    port = free_port()  # nothing listens there
    t0 = time.monotonic()
    with Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "x") as store, pytest.raises(Neo4jError) as err:
        store.load([])
    assert time.monotonic() - t0 < 12
    assert "cannot reach" in _one_line_error(err.value)
    with pytest.raises(Neo4jError, match="bad Neo4j URI"):
        Neo4jStore("http://localhost:7474", "neo4j", "x")


def _bloc(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    code = "import sys; from cli import main; sys.argv[0] = 'bloc'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_cli_errors_are_one_line_without_traceback(neo4j_settings_fx):
    uri, user, _ = neo4j_settings_fx
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": "wrong-password"}
    t0 = time.monotonic()
    r = _bloc(["stats"], env)
    assert r.returncode == 1 and time.monotonic() - t0 < 20
    assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "refused the credentials" in r.stderr
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"}
    r = _bloc(["show", "Mao Zedong"], env)
    assert r.returncode == 1 and r.stderr.startswith("Error: cannot reach") and r.stderr.count("\n") == 1


# -- faults mid-load ---------------------------------------------------------------------
def _whole_batches_only(store, full: dict[str, int], batch: int) -> None:
    """Each label's nodes and each type's relationships are all there, or a whole number of batches."""
    got = counts(store)
    for k, n in got.items():
        assert n == full.get(k) or n % batch == 0, f"{k}: {n} of {full.get(k)} is not whole batches of {batch}"
    _, rows = store.run("MATCH (s:Source) WHERE s.facts IS NOT NULL RETURN count(s)")
    return rows[0][0]


@pytest.mark.parametrize("fraction", [0.15, 0.5, 0.85])
def test_a_server_that_dies_mid_load_leaves_whole_batches_and_the_next_load_completes(neo4j_settings_fx, neo4j_store, file_store, facts, fraction):
    uri, user, password = neo4j_settings_fx
    batch = 7
    neo4j_store.ensure_schema()
    # a full load through the proxy, to know how many bytes a load sends
    probe = CuttableProxy(uri)
    with Neo4jStore(probe.uri, user, password, batch_size=batch) as store:
        store.load(facts)
    total = probe.sent
    probe.close()
    full = counts(neo4j_store)
    wipe(neo4j_store)

    proxy = CuttableProxy(uri, cut_after=int(total * fraction))
    t0 = time.monotonic()
    with Neo4jStore(proxy.uri, user, password, batch_size=batch) as store, pytest.raises(Neo4jError) as err:
        store.load(facts)
    proxy.close()
    assert time.monotonic() - t0 < 20
    assert _one_line_error(err.value)
    loaded = _whole_batches_only(neo4j_store, full, batch)
    assert loaded < len(facts)  # the sources are marked loaded last

    result = Neo4jStore(uri, user, password, batch_size=batch).load(facts)
    assert set(result.added) | set(result.replaced) | set(result.unchanged) == {f.source.id for f in facts}
    assert counts(neo4j_store) == full
    file_store.load(facts)
    same_graph(neo4j_store.graph(), file_store.graph())
    again = Neo4jStore(uri, user, password).load(facts)
    assert len(again.unchanged) == len(facts)


def test_a_batch_the_server_rejects_is_rolled_back_whole(neo4j_store, file_store, facts, monkeypatch):
    """A real server-side error (a map is not a property value) in the 3rd write transaction."""
    neo4j_store.batch_size = 10
    real = Neo4jStore._write_batches
    calls = {"n": 0}

    def poisoned(self, session, statement, rows, log, key="rows"):
        for i in range(0, len(rows), self.batch_size):
            calls["n"] += 1
            part = rows[i : i + self.batch_size]
            if calls["n"] == 3 and part and "props" in part[0]:
                part = [*part[:-1], {**part[-1], "props": {**part[-1]["props"], "name": {"not": "a value"}}}]
            real(self, session, statement, part, log, key)

    monkeypatch.setattr(Neo4jStore, "_write_batches", poisoned)
    with pytest.raises(Neo4jError) as err:
        neo4j_store.load(facts)
    assert "refused writing the graph" in _one_line_error(err.value)
    _, rows = neo4j_store.run("MATCH (n) RETURN count(n)")
    assert rows[0][0] == 20  # two whole batches of 10; the third rolled back whole
    monkeypatch.setattr(Neo4jStore, "_write_batches", real)
    neo4j_store.load(facts)
    file_store.load(facts)
    same_graph(neo4j_store.graph(), file_store.graph())


KILL_MID_LOAD = r"""
import sys, threading
sys.path.insert(0, "tests")
from neo4j_fixtures import CuttableProxy
import cli
proxy = CuttableProxy(sys.argv[1], cut_after=int(sys.argv[2]))
sys.argv = ["bloc", "--neo4j-uri", proxy.uri, "load"]
cli.main()
"""


def test_the_cli_reports_a_server_dying_mid_load_in_one_line(neo4j_settings_fx, neo4j_store):
    uri = neo4j_settings_fx[0]
    neo4j_store.ensure_schema()
    env = {**os.environ}
    r = subprocess.run([sys.executable, "-c", KILL_MID_LOAD, uri, "60000"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert r.returncode == 1, r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "Traceback" not in r.stderr
    assert "run the same command again" in last or "cannot reach" in last
    r = _bloc(["load", "--format", "json"], {**os.environ, "NEO4J_URI": uri})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["nodes"] == neo4j_store.graph().number_of_nodes()


# -- every read command is the same on both stores ----------------------------------------
READS = [
    ["stats", "--format", "json"],
    ["show", "Enver Hoxha", "--format", "json"],
    ["show", "league-of-communists-of-yugoslavia", "--format", "json"],
    ["report", "--format", "json"],
    ["factions", "--format", "json"],
    ["centrality", "--format", "json"],
    ["alignments", "--format", "json"],
]


def test_every_read_command_gives_the_same_answer_on_both_stores(neo4j_settings_fx, neo4j_store, tmp_path, facts, monkeypatch):
    from cli import cli

    neo4j_store.load(facts)
    FileStore(tmp_path / "store").load(facts)
    runner = CliRunner()
    monkeypatch.delenv("NEO4J_URI", raising=False)
    uri = neo4j_settings_fx[0]
    names = set(cli.commands)
    for args in READS:
        if args[0] not in names:
            continue
        on_file = runner.invoke(cli, ["--store", str(tmp_path / "store"), *args], catch_exceptions=False)
        on_neo4j = runner.invoke(cli, ["--neo4j-uri", uri, *args], catch_exceptions=False)
        assert on_file.exit_code == 0 and on_neo4j.exit_code == 0, (args, on_file.output, on_neo4j.output)
        assert on_neo4j.output == on_file.output, args
    for fmt in ("graphml", "gexf", "json"):
        a, b = tmp_path / f"file.{fmt}", tmp_path / f"neo4j.{fmt}"
        assert runner.invoke(cli, ["--store", str(tmp_path / "store"), "export", "--format", fmt, "-o", str(a)]).exit_code == 0
        assert runner.invoke(cli, ["--neo4j-uri", uri, "export", "--format", fmt, "-o", str(b)]).exit_code == 0
        assert a.read_bytes() == b.read_bytes(), fmt


def test_write_back_colors_survive_and_show_in_the_graph(neo4j_settings_fx, neo4j_store, facts):
    from cli import cli

    if "factions" not in cli.commands:
        pytest.skip("no factions command yet")
    neo4j_store.load(facts)
    r = CliRunner().invoke(cli, ["--neo4j-uri", neo4j_settings_fx[0], "factions", "--write-back", "--format", "json"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    _, rows = neo4j_store.run("MATCH (n) WHERE n.faction IS NOT NULL RETURN count(n)")
    assert rows[0][0] > 0
    before = snapshot(neo4j_store)
    neo4j_store.load(facts)
    assert snapshot(neo4j_store) == before
