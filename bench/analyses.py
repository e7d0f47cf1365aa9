"""Benchmark the analyses: the sample corpus and synthetic networks with planted camps.

The synthetic graph has `--parties` parties in `--camps` camps, each with its
state and leader, `--degree` signed relationships per party (polarity +1 within
a camp, -1 across, each flipped with probability `--noise`), dated over 1950-1965,
and a few congresses attended by random parties. It goes through the real
model and `build_graph`, so the timings include projecting. Figures go to
stdout and into out/bench.json (merged with what other benchmarks wrote).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from figures import record  # noqa: E402

from graph.analysis import centrality as ce  # noqa: E402
from graph.analysis import factions as fa  # noqa: E402
from graph.analysis.alignments import alignments  # noqa: E402
from graph.analysis.balance import balance  # noqa: E402
from graph.analysis.projections import project  # noqa: E402
from graph.build import build_graph  # noqa: E402
from graph.model import INTERACTION, Evidence, Node, Relation, SourceFacts  # noqa: E402

TYPES = {1: ["SUPPORTED", "ALLIED_WITH"], -1: ["OPPOSED", "CONDEMNED", "SPLIT_WITH"]}


def synthetic(parties: int, camps: int, degree: int, noise: float, seed: int = 0):
    """(graph, planted camp of each party)."""
    rng = random.Random(seed)
    nodes, rels, text = [], [], []
    pos = 0

    def ev(quote: str) -> tuple[Evidence, ...]:
        nonlocal pos
        e = Evidence("synthetic", pos, pos + len(quote), quote, "pattern")
        pos += len(quote) + 1
        text.append(quote)
        return (e,)

    planted = {}
    for i in range(parties):
        s, p, person = f"state-{i:05d}", f"party-{i:05d}", f"leader-{i:05d}"
        nodes += [Node(s, "State", f"State {i}"), Node(p, "Party", f"Party {i}", country=s, ruling=True), Node(person, "Person", f"Leader {i}", party=p)]
        rels.append(Relation("PARTY_OF", p, s, ev(f"Party {i} of State {i}.")))
        rels.append(Relation("LEADER_OF", person, p, ev(f"Leader {i} led Party {i}.")))
        planted[p] = i % camps
    ids = sorted(planted)
    seen = set()
    for a in ids:
        for _ in range(degree // 2):
            b = rng.choice(ids)
            if a == b or (a, b) in seen:
                continue
            seen.add((a, b))
            sign = 1 if planted[a] == planted[b] else -1
            if rng.random() < noise:
                sign = -sign
            t = rng.choice(TYPES[sign])
            src = a.replace("party", "leader") if rng.random() < 0.5 else a
            rels.append(Relation(t, src, b, ev(f"{src} {t.lower()} {b}."), polarity=INTERACTION[t], date=str(rng.randint(1950, 1965))))
    for j in range(max(1, parties // 50)):
        ev_id = f"congress-{j:04d}"
        nodes.append(Node(ev_id, "Event", f"Congress {j}", start=str(rng.randint(1950, 1965))))
        for p in rng.sample(ids, min(len(ids), 12)):
            d = f"{p}-at-{ev_id}"
            nodes.append(Node(d, "Delegation", f"{p} at {ev_id}"))
            rels.append(Relation("REPRESENTED", d, p, ev(f"{d} for {p}.")))
            rels.append(Relation("ATTENDED", d, ev_id, ev(f"{d} attended.")))
    src = Node("synthetic", "Source", "synthetic", title="synthetic", path="synthetic.txt", sha256="0" * 64)
    return build_graph([SourceFacts(src, tuple(nodes), tuple(rels))]), planted


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, round(time.perf_counter() - t, 3)


def bench_graph(g, label: str, runs: int, draw: bool) -> dict:
    out = {"nodes": g.number_of_nodes(), "relationships": g.number_of_edges()}
    signed, out["project_signed_s"] = timed(project, g, "signed", "party")
    out["signed_actors"], out["signed_ties"] = signed.graph.number_of_nodes(), signed.graph.number_of_edges()
    r, out["balance_s"] = timed(fa.factions, g, runs=runs)
    out["balance_solver"], out["balance_frustration"], out["balance_camps"] = r.solver, r.frustration, len(r.camps)
    for m in ("louvain", "leiden"):
        r, out[f"{m}_s"] = timed(fa.factions, g, method=m, runs=runs)
        out[f"{m}_modularity"] = r.modularity
    _, out["slices_by_year_s"] = timed(fa.slices, g, runs=runs)
    ties = project(g, "ties", "actor")
    c, out["centrality_all_s"] = timed(ce.centrality, ties, "all")
    out["betweenness_method"] = c.methods["betweenness"]
    _, out["alignments_s"] = timed(alignments, g)
    if draw:
        from graph.draw import render_static, scene

        sc, out["draw_scene_s"] = timed(scene, g)
        _, out["draw_png_s"] = timed(render_static, sc, "png")
    print(f"{label:>18}: " + ", ".join(f"{k} {v}" for k, v in out.items()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--parties", type=int, default=1000)
    ap.add_argument("--camps", type=int, default=3)
    ap.add_argument("--degree", type=int, default=8)
    ap.add_argument("--noise", type=float, default=0.05)
    ap.add_argument("--runs", type=int, default=10, help="seeded runs per consensus")
    ap.add_argument("--out", default=str(ROOT / "out" / "bench.json"))
    args = ap.parse_args()
    figures: dict = {}

    from loaders.pipeline import Extractor

    with tempfile.TemporaryDirectory():
        sample = build_graph(Extractor().extract([ROOT / "corpus"]))
    figures["analyses_sample"] = bench_graph(sample, "sample corpus", args.runs, draw=True)
    small, _ = synthetic(18, 2, 6, 0.1, seed=1)
    figures["analyses_synthetic_18"] = bench_graph(small, "synthetic 18", args.runs, draw=True)
    big, planted = synthetic(args.parties, args.camps, args.degree, args.noise)
    figures[f"analyses_synthetic_{args.parties}"] = f = bench_graph(big, f"synthetic {args.parties}", args.runs, draw=False)
    # how well the local search recovers the planted camps (pairs placed as planted)
    r = fa.factions(big, runs=args.runs, k=args.camps)
    camp = {n: i for i, c in enumerate(r.camps) for n in c}
    nodes = sorted(n for n in camp if n in planted)
    rng = random.Random(0)
    pairs = [tuple(rng.sample(nodes, 2)) for _ in range(20000)]
    f["planted_pair_agreement"] = round(sum((camp[a] == camp[b]) == (planted[a] == planted[b]) for a, b in pairs) / len(pairs), 4)
    print(f"planted camps recovered (pair agreement, k={args.camps}): {f['planted_pair_agreement']}")
    # exact branch and bound at its limit: one component of 20 actors
    import networkx as nx

    h = nx.Graph()
    rng = random.Random(3)
    for i in range(20):
        for j in range(i + 1, 20):
            if rng.random() < 0.35:
                h.add_edge(f"n{i:02d}", f"n{j:02d}", weight=(1 if i % 3 == j % 3 else -1) * (1 if rng.random() > 0.1 else -1))
    res, t = timed(balance, h)
    figures["balance_exact_20"] = {"seconds": t, "solver": res.solver, "frustration": res.frustration, "optima": res.components[0].optima}
    print(f"exact balance, 20 actors: {t} s ({res.solver}, frustration {res.frustration}, {res.components[0].optima} optima)")
    figures["analyses_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    record(args.out, figures)


if __name__ == "__main__":
    main()
