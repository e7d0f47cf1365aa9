"""Centrality: who sits at the middle of the network, and who brokers between its parts.

Runs on a projection (by default every relation between two actors, people and
parties kept apart: the ``ties`` projection at ``actor`` level), unweighted:

* ``degree``: share of the other actors one is tied to;
* ``betweenness``: share of shortest paths through an actor; exact (Brandes) up
  to ``exact_limit`` actors, else estimated from ``samples`` seeded pivot
  sources, and the result says which;
* ``eigenvector``: the principal eigenvector (shifted power iteration, so it
  converges on bipartite graphs too), largest entry 1, computed per connected
  component and scaled by the component's leading eigenvalue;
* ``pagerank``: damping 0.85, uniform teleport, dangling mass spread evenly.

Brokers are actors in the top quarter by betweenness but the bottom half by
degree: few ties, yet on many paths between others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.projections import Projection, node_info

MEASURES = ("degree", "betweenness", "eigenvector", "pagerank")


@dataclass
class CentralityResult:
    measure: str
    projection: Projection
    scores: dict[str, dict[str, float]]  # measure -> node -> score
    methods: dict[str, str]  # measure -> how it was computed
    ranking: list[dict[str, Any]]
    brokers: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Stable JSON: measure, method(s), projection, ranking [{id,name,label,score}], brokers."""
        return {
            "measure": self.measure,
            "methods": self.methods,
            "projection": self.projection.describe(),
            "ranking": self.ranking,
            "brokers": self.brokers,
        }


def degree(h: nx.Graph) -> dict[str, float]:
    n = h.number_of_nodes()
    if n <= 1:
        return {v: 0.0 for v in h}
    return {v: h.degree(v) / (n - 1) for v in h}


def betweenness(h: nx.Graph, exact_limit: int = 2000, samples: int = 256, seed: int = 0) -> tuple[dict[str, float], str]:
    """Normalized betweenness; exact up to `exact_limit` nodes, else from `samples` seeded pivots."""
    n = h.number_of_nodes()
    if n <= exact_limit or samples >= n:
        return nx.betweenness_centrality(h, normalized=True), "exact (Brandes)"
    scores = nx.betweenness_centrality(h, k=samples, normalized=True, seed=seed)
    return scores, f"approximate: {samples} sampled sources of {n} (seed {seed})"


def _arrays(h: nx.Graph) -> tuple[list[str], np.ndarray, np.ndarray]:
    nodes = sorted(h.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    src = np.array([index[a] for a, b in h.edges] + [index[b] for a, b in h.edges], dtype=np.int64)
    dst = np.array([index[b] for a, b in h.edges] + [index[a] for a, b in h.edges], dtype=np.int64)
    return nodes, src, dst


def eigenvector(h: nx.Graph, tol: float = 1e-10, max_iter: int = 10_000) -> dict[str, float]:
    """Eigenvector centrality per connected component, scaled by the component's leading eigenvalue.

    On a connected graph this is the principal eigenvector of the adjacency
    matrix (power iteration on A + I, which also converges on bipartite graphs),
    largest entry 1. A network read from texts falls apart into components; the
    strict definition would give every component but the "strongest" zero, so
    each component's vector is scaled by its eigenvalue over the largest one.
    """
    comps = sorted((sorted(c) for c in nx.connected_components(h)), key=lambda c: (-len(c), c[0]))
    vectors, lambdas = {}, {}
    for c in comps:
        sub = h.subgraph(c)
        nodes, src, dst = _arrays(sub)
        n = len(nodes)
        x = np.ones(n) / np.sqrt(n)
        lam = 0.0
        for _ in range(max_iter):
            y = x.copy()
            np.add.at(y, dst, x[src])
            norm = np.linalg.norm(y)
            y /= norm
            lam = norm - 1.0  # Rayleigh estimate of A's leading eigenvalue
            if np.abs(y - x).sum() < n * tol:
                x = y
                break
            x = y
        vectors[c[0]] = (nodes, x / x.max() if x.max() > 0 else x)
        lambdas[c[0]] = lam
    top = max(lambdas.values(), default=0.0)
    out = {}
    for key, (nodes, x) in vectors.items():
        scale = lambdas[key] / top if top > 0 else 0.0
        for v, s in zip(nodes, x):
            out[v] = float(round(s * scale, 12))
    return out


def pagerank(h: nx.Graph, alpha: float = 0.85, tol: float = 1e-12, max_iter: int = 10_000) -> dict[str, float]:
    """PageRank of the undirected graph (each edge both ways), by power iteration."""
    nodes, src, dst = _arrays(h)
    n = len(nodes)
    if n == 0:
        return {}
    deg = np.bincount(src, minlength=n).astype(float)
    x = np.ones(n) / n
    for _ in range(max_iter):
        share = np.divide(x, deg, out=np.zeros(n), where=deg > 0)
        y = np.zeros(n)
        np.add.at(y, dst, share[src])
        dangling = x[deg == 0].sum()
        y = alpha * (y + dangling / n) + (1 - alpha) / n
        if np.abs(y - x).sum() < n * tol:
            x = y
            break
        x = y
    return {v: float(round(s, 12)) for v, s in zip(nodes, x)}


def _percentile_ranks(scores: dict[str, float]) -> dict[str, float]:
    """Share of the other actors with a strictly lower score (0 = bottom, 1 = top)."""
    values = sorted(scores.values())
    n = len(values)
    if n <= 1:
        return {v: 0.0 for v in scores}
    import bisect

    return {v: bisect.bisect_left(values, s) / (n - 1) for v, s in scores.items()}


def brokers(h: nx.Graph, deg: dict[str, float], btw: dict[str, float], top: int = 10) -> list[dict[str, Any]]:
    """High betweenness, low degree: top quarter by betweenness, bottom half by degree."""
    pb, pd = _percentile_ranks(btw), _percentile_ranks(deg)
    found = [v for v in h if btw[v] > 0 and pb[v] >= 0.75 and pd[v] <= 0.5]
    found.sort(key=lambda v: (-(btw[v] / (deg[v] or 1)), v))
    out = []
    for v in found[:top]:
        info = node_info(h, v)
        info.update(betweenness=round(btw[v], 6), degree=round(deg[v], 6), ties=h.degree(v))
        out.append(info)
    return out


def centrality(
    proj: Projection,
    measure: str = "all",
    top: int | None = 10,
    labels: tuple[str, ...] | list[str] = (),
    exact_limit: int = 2000,
    samples: int = 256,
    seed: int = 0,
) -> CentralityResult:
    """Rank the actors of `proj` by `measure` (or all four: mean of each score scaled by its maximum)."""
    if measure != "all" and measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r} (one of {', '.join(MEASURES)}, all)")
    h = proj.graph
    wanted = MEASURES if measure == "all" else (measure,)
    if measure in ("all", "betweenness"):
        wanted = tuple(dict.fromkeys(wanted + ("degree",)))
    scores: dict[str, dict[str, float]] = {}
    methods: dict[str, str] = {}
    for m in wanted:
        if m == "degree":
            scores[m], methods[m] = degree(h), "exact"
        elif m == "betweenness":
            scores[m], methods[m] = betweenness(h, exact_limit, samples, seed)
        elif m == "eigenvector":
            scores[m], methods[m] = eigenvector(h), "power iteration on A+I, per component scaled by its leading eigenvalue"
        else:
            scores[m], methods[m] = pagerank(h), "power iteration, damping 0.85"
    if measure == "all":
        combined = {}
        for v in h:
            parts = []
            for m in MEASURES:
                mx = max(scores[m].values()) if scores[m] else 0
                parts.append(scores[m][v] / mx if mx > 0 else 0.0)
            combined[v] = sum(parts) / len(parts)
        main = combined
    else:
        main = scores[measure]
    keep = [v for v in h if not labels or h.nodes[v].get("label") in labels]
    keep.sort(key=lambda v: (-round(main[v], 12), v))
    ranking = []
    for rank, v in enumerate(keep[:top] if top else keep, start=1):
        info = node_info(h, v)
        info["rank"] = rank
        info["score"] = round(main[v], 6)
        if measure == "all":
            info["scores"] = {m: round(scores[m][v], 6) for m in MEASURES}
        ranking.append(info)
    brk = []
    if "betweenness" in scores:
        brk = [b for b in brokers(h, scores["degree"], scores["betweenness"]) if not labels or b["label"] in labels]
    if measure not in ("all", "betweenness"):
        methods = {measure: methods[measure]}
    return CentralityResult(measure, proj, scores, methods, ranking, brk)


def properties(result: CentralityResult, prefix: str = "centrality") -> dict[str, dict[str, Any]]:
    """Node properties to write back: {id: {centrality_<measure>: score}} for every measure computed."""
    out: dict[str, dict[str, Any]] = {}
    for m, sc in sorted(result.scores.items()):
        for v, s in sc.items():
            out.setdefault(v, {})[f"{prefix}_{m}"] = round(s, 6)
    return dict(sorted(out.items()))
