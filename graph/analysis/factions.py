"""Factions: who stands with whom, by structural balance (the default) or by community detection.

* ``balance`` (default): the camps of the signed projection that leave the fewest
  relationships frustrated (see :mod:`graph.analysis.balance`); the frustrated
  relationships are listed with their quotes.
* ``louvain`` (networkx) and ``leiden`` (leidenalg on igraph): communities of the
  positive projection (cooperation and co-attendance), modularity reported; a
  consensus over ``runs`` seeded runs gives each member a confidence.

:func:`factions` answers for one window, :func:`slices` for one window per year
(who changed camp between years), :func:`robustness` says which memberships
survive when relationships stated in a single source are dropped. All return
plain data; ``as_dict()`` is the documented JSON shape (docs/analyses.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.balance import balance as balance_partition
from graph.analysis.projections import Projection, Window, dated_years, node_info, project, year_window
from graph.analysis.stability import compare, consensus

METHODS = ("balance", "louvain", "leiden")
CAMP_NAMES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def camp_name(i: int) -> str:
    return CAMP_NAMES[i] if i < len(CAMP_NAMES) else f"Z{i}"


@dataclass
class FactionsResult:
    """Camps of one projection in one window, with the evidence a reader needs to check them."""

    method: str
    solver: str
    projection: Projection
    camps: list[list[str]]
    confidence: dict[str, float]
    frustration: int | None = None
    total_signed: int | None = None
    frustrated: list[dict[str, Any]] = field(default_factory=list)
    modularity: float | None = None
    k: int | None = None
    seed: int = 0
    runs: int = 1
    component_of: dict[str, int] = field(default_factory=dict)
    unplaced: list[dict[str, Any]] = field(default_factory=list)  # actors whose signed relationships cancel out

    def camp_of(self, node: str) -> str | None:
        for i, c in enumerate(self.camps):
            if node in c:
                return camp_name(i)
        return None

    def members(self, i: int) -> list[dict[str, Any]]:
        h = self.projection.graph
        out = []
        for n in self.camps[i]:
            info = node_info(h, n)
            info["confidence"] = self.confidence.get(n, 1.0)
            out.append(info)
        return out

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape: method, window, frustration, modularity, factions (+ projection, solver, frustrated)."""
        return {
            "method": self.method,
            "solver": self.solver,
            "window": self.projection.window.as_dict(),
            "projection": self.projection.describe(),
            "k": len(self.camps) if self.k is None else self.k,
            "seed": self.seed,
            "runs": self.runs,
            "frustration": self.frustration,
            "signed_total": self.total_signed,
            "modularity": self.modularity,
            "factions": [
                {"id": camp_name(i), "size": len(c), "component": self.component_of.get(c[0], 0), "members": self.members(i)}
                for i, c in enumerate(self.camps)
            ],
            "frustrated": self.frustrated,
            "unplaced": self.unplaced,
        }


def _frustrated_records(h: nx.Graph, camps: list[list[str]]) -> tuple[int | None, int | None, list[dict[str, Any]]]:
    """Frustration of `camps` against the signed relationships of `h`, counted relationship by relationship.

    A positive relationship across camps or a negative one within a camp is
    frustrated, whatever the pair's net sign: the 1955 Soviet-Yugoslav
    rapprochement stays frustrated even where the two are net enemies. The
    partition that minimizes the net-weight index minimizes this count too (they
    differ by a constant per pair). Returns (frustrated, signed relationships
    among the members, the frustrated pairs with their frustrated relationships).
    """
    assignment = {n: i for i, c in enumerate(camps) for n in c}
    out, frustrated, total = [], 0, 0
    for a, b, d in sorted(h.edges(data=True)):
        if a not in assignment or b not in assignment:
            continue
        signed = [t for t in d["ties"] if t.get("polarity")]
        total += len(signed)
        same = assignment[a] == assignment[b]
        bad = [t for t in signed if (t["polarity"] > 0) != same]
        if not bad:
            continue
        frustrated += len(bad)
        out.append(
            {
                "a": node_info(h, a),
                "b": node_info(h, b),
                "weight": d["weight"],
                "why": "negative within a camp" if same else "positive across camps",
                "camps": [camp_name(assignment[a]), camp_name(assignment[b])],
                "count": len(bad),
                "relationships": bad,
            }
        )
    if total == 0:
        return None, None, []
    return frustrated, total, out


def _unplaced(h: nx.Graph, camps: list[list[str]]) -> list[dict[str, Any]]:
    """Actors with signed relationships but no camp: every pair of theirs nets to zero (one support, one split)."""
    placed = {n for c in camps for n in c}
    out = []
    for n in sorted(h):
        if n in placed:
            continue
        ties = [t for _, _, d in h.edges(n, data=True) for t in d["ties"] if t.get("polarity")]
        if ties:
            info = node_info(h, n)
            info["relationships"] = sorted(ties, key=lambda t: (t.get("date") or "9999", t["key"]))
            out.append(info)
    return out


def factions(
    g: nx.MultiDiGraph,
    method: str = "balance",
    level: str = "party",
    win: Window | None = None,
    k: int | None = None,
    kmax: int = 4,
    seed: int = 0,
    runs: int = 20,
    min_sources: int = 1,
    exact_limit: int = 20,
    resolution: float = 1.0,
    min_evidence: int = 1,
) -> FactionsResult:
    """The camps of `g` by `method` at `level` in `win` (see module doc)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (one of {', '.join(METHODS)})")
    win = win or Window()
    signed = project(g, "signed", level, win, min_sources, min_evidence=min_evidence)
    if method == "balance":
        r = balance_partition(signed.graph, k=k, kmax=kmax, exact_limit=exact_limit, restarts=max(runs, 1), seed=seed)
        frustration, total, frustrated = _frustrated_records(signed.graph, r.camps)
        return FactionsResult(
            method="balance",
            solver=r.solver,
            projection=signed,
            camps=r.camps,
            confidence=r.confidence,
            frustration=frustration,
            total_signed=total,
            frustrated=frustrated,
            k=k,
            seed=seed,
            runs=runs,
            component_of=r.component_of,
            unplaced=_unplaced(signed.graph, r.camps),
        )
    positive = project(g, "positive", level, win, min_sources, min_evidence=min_evidence)
    camps, confidence, modularity, solver = communities(positive.graph, method, seed=seed, runs=runs, resolution=resolution)
    frustration, total, frustrated = _frustrated_records(signed.graph, camps)
    return FactionsResult(
        method=method,
        solver=solver,
        projection=positive,
        camps=camps,
        confidence=confidence,
        frustration=frustration,
        total_signed=total,
        frustrated=frustrated,
        modularity=modularity,
        seed=seed,
        runs=runs,
    )


def communities(h: nx.Graph, method: str, seed: int = 0, runs: int = 20, resolution: float = 1.0) -> tuple[list[list[str]], dict[str, float], float | None, str]:
    """Louvain or Leiden communities of a weighted graph: consensus of seeds seed..seed+runs-1, confidence, modularity."""
    nodes = sorted(h.nodes)
    if not nodes:
        return [], {}, None, method
    if h.number_of_edges() == 0:
        camps = [[n] for n in nodes]
        return camps, {n: 1.0 for n in nodes}, None, method
    partitions = []
    for s in range(seed, seed + max(1, runs)):
        parts = _louvain(h, s, resolution) if method == "louvain" else _leiden(h, s, resolution)
        partitions.append({n: i for i, c in enumerate(parts) for n in c})
    camps, confidence = consensus(nodes, partitions)
    modularity = nx.community.modularity(h, [set(c) for c in camps], weight="weight", resolution=resolution)
    what = "Louvain (networkx)" if method == "louvain" else "Leiden (leidenalg, modularity)"
    return camps, confidence, round(modularity, 6), f"{what}, consensus of {max(1, runs)} runs from seed {seed}"


def _louvain(h: nx.Graph, seed: int, resolution: float) -> list[list[str]]:
    parts = nx.community.louvain_communities(h, weight="weight", resolution=resolution, seed=seed)
    return [sorted(p) for p in parts]


def _leiden(h: nx.Graph, seed: int, resolution: float) -> list[list[str]]:
    import igraph as ig
    import leidenalg

    nodes = sorted(h.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted((index[a], index[b], float(d.get("weight", 1.0))) for a, b, d in h.edges(data=True))
    ig_graph = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in edges])
    ig_graph.es["weight"] = [w for _, _, w in edges]
    part = leidenalg.find_partition(
        ig_graph, leidenalg.RBConfigurationVertexPartition, weights="weight", resolution_parameter=resolution, seed=seed, n_iterations=-1
    )
    return [sorted(nodes[i] for i in c) for c in part]


# -- time slices ------------------------------------------------------------
@dataclass
class Slices:
    """Factions per window, camp names kept across windows by overlap, and who moved."""

    windows: list[FactionsResult]
    names: list[dict[int, str]]  # per window: camp index -> stable camp name
    changes: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        out = []
        for r, names in zip(self.windows, self.names):
            d = r.as_dict()
            for i, f in enumerate(d["factions"]):
                f["id"] = names[i]
            out.append(d)
        return {"method": self.windows[0].method if self.windows else None, "slices": out, "changes": self.changes}


def slices(
    g: nx.MultiDiGraph,
    method: str = "balance",
    years: list[int] | None = None,
    cumulative: bool = False,
    **kwargs: Any,
) -> Slices:
    """Factions for each year that has dated relations (or `years`); camps named consistently; moves listed."""
    if years is None:
        years = dated_years(g)
    results, names, changes = [], [], []
    next_name = 0
    last: dict[str, tuple[str, int]] = {}  # member -> (camp name, year) where last seen
    for y in years:
        win = Window(None, str(y), False, f"as of {y}") if cumulative else year_window(y)
        r = factions(g, method=method, win=win, **kwargs)
        # each camp takes the name most of its members last had (larger votes first); the rest get new names
        votes = []
        for j, camp in enumerate(r.camps):
            tally: dict[str, int] = {}
            for n in camp:
                if n in last:
                    tally[last[n][0]] = tally.get(last[n][0], 0) + 1
            votes += [(-v, j, name) for name, v in tally.items()]
        cur: dict[int, str] = {}
        for _, j, name in sorted(votes, key=lambda t: (t[0], t[1], t[2])):
            if j not in cur and name not in cur.values():
                cur[j] = name
        for j in range(len(r.camps)):
            if j not in cur:
                used = set(cur.values()) | {v[0] for v in last.values()}
                while camp_name(next_name) in used:
                    next_name += 1
                cur[j] = camp_name(next_name)
                next_name += 1
        h = r.projection.graph
        for j, camp in enumerate(r.camps):
            for n in camp:
                if n in last and last[n][0] != cur[j]:
                    changes.append({"id": n, "name": h.nodes[n].get("name", n), "from_year": last[n][1], "to_year": y, "from": last[n][0], "to": cur[j]})
                last[n] = (cur[j], y)
        results.append(r)
        names.append(cur)
    return Slices(results, names, changes)


# -- robustness -------------------------------------------------------------
def robustness(g: nx.MultiDiGraph, method: str = "balance", by: str = "sources", at_least: int = 2, **kwargs: Any) -> dict[str, Any]:
    """Which memberships survive when relationships stated in a single source (or by a single quote) are dropped.

    ``by="sources"`` keeps relationships stated in >= `at_least` distinct texts;
    ``by="quotes"`` keeps those with >= `at_least` pieces of evidence.
    """
    if by not in ("sources", "quotes"):
        raise ValueError("by is 'sources' or 'quotes'")
    full = factions(g, method=method, **kwargs)
    opt = {"min_sources": at_least} if by == "sources" else {"min_evidence": at_least}
    reduced = factions(g, method=method, **opt, **kwargs)
    cmp = compare(full.camps, reduced.camps)
    h = full.projection.graph
    named = {key: [node_info(h, n) for n in ids] for key, ids in cmp.items()}
    return {
        "check": f"drop relationships with fewer than {at_least} {by}",
        "ties_before": full.projection.graph.number_of_edges(),
        "ties_after": reduced.projection.graph.number_of_edges(),
        "members_before": sum(len(c) for c in full.camps),
        "kept": named["kept"],
        "moved": named["moved"],
        "lost": named["lost"],
    }


def properties(result: FactionsResult, prefix: str = "faction") -> dict[str, dict[str, Any]]:
    """Node properties to write back to a store: {id: {faction, faction_confidence, faction_method}}."""
    out = {}
    for i, camp in enumerate(result.camps):
        for n in camp:
            out[n] = {
                prefix: camp_name(i),
                f"{prefix}_confidence": result.confidence.get(n, 1.0),
                f"{prefix}_method": result.method,
                f"{prefix}_window": result.projection.window.describe(),
            }
    return dict(sorted(out.items()))
