"""Benchmark the Neo4j store's writes and reads: the sample corpus and 100x synthetic corpora.

Two synthetic corpora: the sample texts' facts restated by 100 renamed sources
(same graph, 100x the evidence), and 100 copies with every id renamed (a graph
100x as large). Needs NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD and EMPTIES that
database, so it asks for --wipe. Figures go to stdout and into out/bench.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from figures import record  # noqa: E402

import cypher  # noqa: E402
from graph.model import Evidence, SourceFacts  # noqa: E402
from graph.stores.file import FileStore  # noqa: E402
from graph.stores.neo4j import Neo4jStore  # noqa: E402
from loaders.pipeline import Extractor  # noqa: E402


def restated(facts: list[SourceFacts], i: int) -> list[SourceFacts]:
    """Copy i: the same facts stated by other sources (evidence merges onto the same relationships)."""
    out = []
    for f in facts:
        sid = f"{f.source.id}-copy{i}"
        ev = lambda e: replace(e, source=sid)  # noqa: E731
        out.append(SourceFacts(replace(f.source, id=sid), f.nodes, tuple(replace(r, evidence=tuple(ev(e) for e in r.evidence)) for r in f.relations)))
    return out


def disjoint(facts: list[SourceFacts], i: int) -> list[SourceFacts]:
    """Copy i with every id renamed: a graph as large again."""
    ren = lambda x: f"{x}-c{i}"  # noqa: E731
    out = []
    for f in facts:
        sid = ren(f.source.id)
        ev = lambda e: Evidence(sid, e.start_char, e.end_char, e.quote, e.method, e.section)  # noqa: E731
        nodes = tuple(replace(n, id=ren(n.id), country=None, party=None, place=None) for n in f.nodes)
        rels = tuple(replace(r, source=ren(r.source), target=ren(r.target), evidence=tuple(ev(e) for e in r.evidence)) for r in f.relations)
        out.append(SourceFacts(replace(f.source, id=sid), nodes, rels))
    return out


def run(store: Neo4jStore, facts: list[SourceFacts]) -> dict:
    store.run(cypher.load("wipe"), write=True)
    row: dict = {"sources": len(facts)}
    t = time.perf_counter()
    r = store.load(facts)
    row["first_load_s"] = round(time.perf_counter() - t, 2)
    row.update(nodes=r.nodes, relationships=r.relationships, transactions=store.last_write.transactions)
    t = time.perf_counter()
    store.load(facts)
    row["reload_unchanged_s"] = round(time.perf_counter() - t, 2)
    row["reload_transactions"] = store.last_write.transactions
    t = time.perf_counter()
    store.graph()
    row["graph_read_s"] = round(time.perf_counter() - t, 2)
    fs = FileStore(tempfile.mkdtemp(prefix="bloc-bench-"))
    t = time.perf_counter()
    fs.load(facts)
    row["file_store_load_s"] = round(time.perf_counter() - t, 2)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wipe", action="store_true", help="agree that the database at NEO4J_URI is emptied")
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--out", default=str(ROOT / "out" / "bench.json"))
    args = ap.parse_args()
    if not args.wipe or not os.environ.get("NEO4J_URI"):
        sys.exit("bench/store_neo4j.py empties the database at NEO4J_URI: set it and pass --wipe")
    store = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    facts = Extractor().extract([ROOT / "corpus"])
    run(store, facts)  # warm-up: plans cached, JIT warm
    figures = {
        "sample": run(store, facts),
        f"{args.copies}x_restated": run(store, [f for i in range(args.copies) for f in restated(facts, i)]),
        f"{args.copies}x_disjoint": run(store, [f for i in range(args.copies) for f in disjoint(facts, i)]),
    }
    store.run(cypher.load("wipe"), write=True)
    store.close()
    for name, row in figures.items():
        print(f"neo4j {name:>14}: {row['sources']:4d} sources, {row['nodes']:6d} nodes, {row['relationships']:6d} rels, first load {row['first_load_s']:6.2f} s ({row['transactions']} tx), unchanged reload {row['reload_unchanged_s']:5.2f} s ({row['reload_transactions']} tx), read {row['graph_read_s']:5.2f} s; file store {row['file_store_load_s']:5.2f} s")
    record(args.out, {"neo4j": figures})


if __name__ == "__main__":
    main()
