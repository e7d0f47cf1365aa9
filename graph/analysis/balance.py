"""Structural balance: the split into camps that leaves the fewest relationships frustrated.

A relationship is frustrated when it is positive across two camps or negative
within one. The frustration index is the sum of |weight| of the frustrated
pairs of a signed projection (weight = sum of polarities, so a pair with two
conflicts counts twice). Each connected component is solved on its own (camps
never span components, since nothing in the texts relates them):

* exactly, by branch and bound over set partitions, for components of up to
  ``exact_limit`` actors: every optimal partition is found (up to ``max_optima``),
  and a member's confidence is how often its placement agrees with the chosen
  partition across all of them;
* otherwise by a seeded local search (single-actor moves from random starts,
  ``restarts`` of them); confidence is the agreement across the restarts that
  reached the best frustration.

With ``k`` unset the number of camps is found: the fewest camps (at most ``kmax``)
that reach the lowest frustration.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.analysis.stability import co_assignment_confidence

EPS = 1e-9


@dataclass
class Component:
    """One component's solution: camps (lists of ids) and how it was found."""

    camps: list[list[str]]
    frustration: float
    solver: str  # "exact" or "local-search"
    optima: int  # exact: optimal partitions found; local search: restarts reaching the best
    confidence: dict[str, float]
    exhausted: bool = True  # exact search finished (False: node budget hit, fell back)


@dataclass
class BalanceResult:
    """The camps of a signed network, the frustration and the frustrated pairs."""

    camps: list[list[str]]  # canonical order: larger camps first, then by first member id
    component_of: dict[str, int]
    frustration: float
    total: float  # sum of |weight| over signed pairs
    frustrated: list[tuple[str, str, float, str]]  # (a, b, weight, why)
    solvers: list[str]
    confidence: dict[str, float]
    k: int | None
    kmax: int
    seed: int
    components: list[Component] = field(default_factory=list)

    @property
    def assignment(self) -> dict[str, int]:
        return {n: i for i, camp in enumerate(self.camps) for n in camp}

    @property
    def solver(self) -> str:
        """One line saying how the partition was found."""
        kinds = sorted(set(self.solvers))
        if not kinds:
            return "none (no signed ties)"
        if kinds == ["exact"]:
            return "exact (branch and bound)"
        if kinds == ["local-search"]:
            return f"local search (seed {self.seed}, restarts per component)"
        return "exact (branch and bound) for small components, local search for the rest"


def signed_weights(h: nx.Graph, weight: str = "weight") -> dict[tuple[str, str], float]:
    """Nonzero signed weights keyed by sorted pair."""
    out = {}
    for a, b, d in h.edges(data=True):
        w = float(d.get(weight, 0) or 0)
        if abs(w) > EPS:
            out[(min(a, b), max(a, b))] = w
    return out


def frustration_of(weights: dict[tuple[str, str], float], assignment: dict[str, Any]) -> float:
    """Sum of |w| over pairs that are positive across camps or negative within one."""
    total = 0.0
    for (a, b), w in weights.items():
        if a not in assignment or b not in assignment:
            continue
        same = assignment[a] == assignment[b]
        if (w > 0 and not same) or (w < 0 and same):
            total += abs(w)
    return total


def canonical(camps: list[list[str]]) -> list[list[str]]:
    camps = [sorted(c) for c in camps if c]
    return sorted(camps, key=lambda c: (-len(c), c[0]))


def balance(
    h: nx.Graph,
    k: int | None = None,
    kmax: int = 4,
    exact_limit: int = 20,
    restarts: int = 50,
    seed: int = 0,
    max_optima: int = 2000,
    node_budget: int = 3_000_000,
    weight: str = "weight",
) -> BalanceResult:
    """Partition the signed projection `h` into camps minimizing the frustration (see module doc)."""
    if k is not None and k < 1:
        raise ValueError("k must be at least 1")
    weights = signed_weights(h, weight)
    sg = nx.Graph()
    sg.add_edges_from(weights)
    comps = sorted((sorted(c) for c in nx.connected_components(sg)), key=lambda c: (-len(c), c[0]))
    camps: list[list[str]] = []
    component_of: dict[str, int] = {}
    confidence: dict[str, float] = {}
    solved: list[Component] = []
    limit = k if k is not None else kmax
    for ci, nodes in enumerate(comps):
        members = set(nodes)
        w = {p: x for p, x in weights.items() if p[0] in members}
        comp = solve_component(nodes, w, limit, exact=len(nodes) <= exact_limit, restarts=restarts, seed=seed, max_optima=max_optima, node_budget=node_budget)
        solved.append(comp)
        for camp in comp.camps:
            camps.append(camp)
            for n in camp:
                component_of[n] = ci
        confidence.update(comp.confidence)
    assignment = {n: i for i, c in enumerate(camps) for n in c}
    frustrated = []
    for (a, b), x in sorted(weights.items()):
        same = assignment[a] == assignment[b]
        if x > 0 and not same:
            frustrated.append((a, b, x, "positive across camps"))
        elif x < 0 and same:
            frustrated.append((a, b, x, "negative within a camp"))
    return BalanceResult(
        camps=camps,
        component_of=component_of,
        frustration=sum(abs(x) for _, _, x, _ in frustrated),
        total=sum(abs(x) for x in weights.values()),
        frustrated=frustrated,
        solvers=[c.solver for c in solved],
        confidence=confidence,
        k=k,
        kmax=limit,
        seed=seed,
        components=solved,
    )


def solve_component(
    nodes: list[str],
    weights: dict[tuple[str, str], float],
    kmax: int,
    exact: bool = True,
    restarts: int = 50,
    seed: int = 0,
    max_optima: int = 2000,
    node_budget: int = 3_000_000,
) -> Component:
    """The best camps of one connected signed component (exact or local search)."""
    if len(nodes) == 1:
        return Component([list(nodes)], 0.0, "exact", 1, {nodes[0]: 1.0})
    ls = _local_search(nodes, weights, kmax, restarts, seed)
    if exact:
        found = _branch_and_bound(nodes, weights, kmax, ls[0], max_optima, node_budget)
        if found is not None:
            best, optima = found
            parts = [_camps_of(nodes, a) for a in optima]
            chosen = parts[0]
            conf = co_assignment_confidence(nodes, [dict(zip(nodes, a)) for a in optima], _assign(chosen))
            return Component(chosen, best, "exact", len(optima), conf)
    best, runs = ls
    parts = [_camps_of(nodes, a) for a in runs]
    chosen = _most_common(parts)
    conf = co_assignment_confidence(nodes, [dict(zip(nodes, a)) for a in runs], _assign(chosen))
    return Component(chosen, best, "local-search", len(runs), conf, exhausted=not exact)


def _assign(camps: list[list[str]]) -> dict[str, int]:
    return {n: i for i, c in enumerate(camps) for n in c}


def _camps_of(nodes: list[str], labels: tuple[int, ...] | list[int]) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for n, c in zip(nodes, labels):
        groups.setdefault(c, []).append(n)
    return canonical(list(groups.values()))


def _most_common(parts: list[list[list[str]]]) -> list[list[str]]:
    counts: dict[str, tuple[int, int, list[list[str]]]] = {}
    for i, p in enumerate(parts):
        key = repr(p)
        n, first, _ = counts.get(key, (0, i, p))
        counts[key] = (n + 1, first, p)
    return sorted(counts.values(), key=lambda t: (-t[0], t[1]))[0][2]


def _adjacency(nodes: list[str], weights: dict[tuple[str, str], float]) -> list[list[tuple[int, float]]]:
    index = {n: i for i, n in enumerate(nodes)}
    adj: list[list[tuple[int, float]]] = [[] for _ in nodes]
    for (a, b), w in weights.items():
        if a in index and b in index:
            adj[index[a]].append((index[b], w))
            adj[index[b]].append((index[a], w))
    for row in adj:
        row.sort()
    return adj


def _cost(adj, labels) -> float:
    total = 0.0
    for i, row in enumerate(adj):
        for j, w in row:
            if j > i and ((w > 0) != (labels[i] == labels[j])):
                total += abs(w)
    return total


def _relabel(labels: list[int]) -> tuple[int, ...]:
    """Camp numbers in order of first appearance (so equal partitions compare equal)."""
    seen: dict[int, int] = {}
    return tuple(seen.setdefault(c, len(seen)) for c in labels)


def _local_search(nodes, weights, kmax, restarts, seed, kicks: int = 10) -> tuple[float, list[tuple[int, ...]]]:
    """Best frustration over seeded restarts, and every restart's partition that reached it.

    Each restart grows a partition greedily in breadth-first order from a random
    actor (each actor joins the camp cheapest given those already placed, or opens
    a new one), then moves single actors while any move lowers the frustration.
    """
    adj = _adjacency(nodes, weights)
    n = len(nodes)
    results = []
    for r in range(max(1, restarts)):
        rng = random.Random(seed * 1_000_003 + r)
        labels = [-1] * n
        used = 0
        for root in [rng.randrange(n)] + rng.sample(range(n), n):
            if labels[root] >= 0:
                continue
            queue, head = [root], 0
            labels[root] = -2  # queued
            while head < len(queue):
                i = queue[head]
                head += 1
                costs = [0.0] * (used + 1)
                pos_placed = 0.0
                for j, w in adj[i]:
                    if labels[j] >= 0:
                        if w > 0:
                            pos_placed += w
                            costs[labels[j]] -= w
                        else:
                            costs[labels[j]] += -w
                costs = [c + pos_placed for c in costs]
                options = list(range(used)) + ([used] if used < kmax else [])
                low = min(costs[c] for c in options)
                best = [c for c in options if costs[c] <= low + EPS]
                c = best[0] if len(best) == 1 else rng.choice(best)
                labels[i] = c
                used = max(used, c + 1)
                nbrs = [j for j, _ in adj[i] if labels[j] == -1]
                rng.shuffle(nbrs)
                for j in nbrs:
                    labels[j] = -2
                    queue.append(j)
        _descend(adj, labels, kmax, rng)
        cost = _cost(adj, labels)
        for _ in range(kicks):  # iterated local search: shake a few actors, descend, keep if no worse
            trial = labels[:]
            for i in rng.sample(range(n), max(1, n // 20)):
                trial[i] = rng.randrange(kmax)
            _descend(adj, trial, kmax, rng)
            c = _cost(adj, trial)
            if c <= cost + EPS:
                labels, cost = trial, c
        results.append((_cost(adj, labels), _relabel(labels)))
    best = min(c for c, _ in results)
    # among the best, prefer the fewest camps (k found, not forced)
    tops = [lab for c, lab in results if c <= best + EPS]
    fewest = min(len(set(lab)) for lab in tops)
    return best, [lab for lab in tops if len(set(lab)) == fewest]


def _descend(adj, labels, kmax, rng) -> None:
    while True:
        _single_moves(adj, labels, kmax, rng)
        if not _block_moves(adj, labels, kmax):
            break


def _single_moves(adj, labels, kmax, rng) -> None:
    """Move single actors to their cheapest camp until no move lowers the frustration."""
    n = len(labels)
    improved = True
    while improved:
        improved = False
        order = list(range(n))
        rng.shuffle(order)
        for i in order:
            costs = [0.0] * kmax
            for j, w in adj[i]:
                for c in range(kmax):
                    if (w > 0) != (labels[j] == c):
                        costs[c] += abs(w)
            cur = labels[i]
            best_c = min(range(kmax), key=lambda c: (costs[c], c != cur, c))
            if costs[best_c] < costs[cur] - EPS:
                labels[i] = best_c
                improved = True


def _block_moves(adj, labels, kmax) -> bool:
    """Move whole blocks (actors of one camp held together by positive ties) to another camp when that pays.

    Single moves cannot split a camp that holds pieces of two real camps: each
    piece's own positive ties keep its members in place. Returns whether any block moved.
    """
    n = len(labels)
    moved = False
    block = [-1] * n
    blocks = []
    for s in range(n):
        if block[s] >= 0:
            continue
        b = len(blocks)
        block[s] = b
        members, stack = [s], [s]
        while stack:
            i = stack.pop()
            for j, w in adj[i]:
                if w > 0 and block[j] < 0 and labels[j] == labels[s]:
                    block[j] = b
                    members.append(j)
                    stack.append(j)
        blocks.append(sorted(members))
    for b, members in enumerate(blocks):
        cur = labels[members[0]]
        costs = [0.0] * kmax
        for i in members:
            for j, w in adj[i]:
                if block[j] == b:
                    continue
                for c in range(kmax):
                    if (w > 0) != (labels[j] == c):
                        costs[c] += abs(w)
        best_c = min(range(kmax), key=lambda c: (costs[c], c))
        if costs[best_c] < costs[cur] - EPS:
            for i in members:
                labels[i] = best_c
            moved = True
    return moved


def _branch_and_bound(nodes, weights, kmax, upper, max_optima, budget):
    """All partitions reaching the least frustration with the fewest camps; None if the budget runs out.

    Nodes are placed one by one in breadth-first order from the busiest actor; a
    node may join a used camp or open the next one (so each set partition is
    visited once). The bound adds to the cost so far, for every unplaced node,
    the cheapest camp it could still join given the nodes already placed.
    """
    n = len(nodes)
    adj = _adjacency(nodes, weights)
    # breadth-first order from the node with the most weight
    strength = [sum(abs(w) for _, w in row) for row in adj]
    start = min(range(n), key=lambda i: (-strength[i], nodes[i]))
    order, seen = [], {start}
    frontier = [start]
    while frontier:
        order.extend(frontier)
        nxt = []
        for i in frontier:
            for j, _ in sorted(adj[i], key=lambda t: (-strength[t[0]], nodes[t[0]])):
                if j not in seen:
                    seen.add(j)
                    nxt.append(j)
        frontier = nxt
    for i in range(n):
        if i not in seen:
            order.append(i)
    pos_w = [[0.0] * kmax for _ in range(n)]  # positive weight to placed neighbours in camp c
    neg_w = [[0.0] * kmax for _ in range(n)]
    pos_total = [0.0] * n  # positive weight to all placed neighbours
    labels = [-1] * n
    state = {"best": upper, "camps": kmax + 1, "optima": [], "visits": 0, "overflow": False}

    def place(i, c, sign):
        for j, w in adj[i]:
            if w > 0:
                pos_w[j][c] += sign * w
                pos_total[j] += sign * w
            else:
                neg_w[j][c] += sign * (-w)

    def bound(depth, used):
        extra = 0.0
        for t in range(depth, n):
            j = order[t]
            options = [pos_total[j] - pos_w[j][c] + neg_w[j][c] for c in range(used)]
            if used < kmax:
                options.append(pos_total[j])
            extra += min(options)
        return extra

    def rec(depth, used, cost):
        state["visits"] += 1
        if state["visits"] > budget:
            state["overflow"] = True
            return
        if depth == n:
            if cost < state["best"] - EPS or (abs(cost - state["best"]) <= EPS and used < state["camps"]):
                state["best"], state["camps"], state["optima"] = cost, used, [tuple(labels)]
            elif abs(cost - state["best"]) <= EPS and used == state["camps"]:
                if len(state["optima"]) < max_optima:
                    state["optima"].append(tuple(labels))
            return
        lb = cost + bound(depth, used)
        if lb > state["best"] + EPS or (abs(lb - state["best"]) <= EPS and used > state["camps"]):
            return
        i = order[depth]
        choices = list(range(used)) + ([used] if used < kmax else [])
        deltas = sorted((pos_total[i] - pos_w[i][c] + neg_w[i][c] if c < used else pos_total[i], c) for c in choices)
        for delta, c in deltas:
            labels[i] = c
            place(i, c, 1)
            rec(depth + 1, max(used, c + 1), cost + delta)
            place(i, c, -1)
            labels[i] = -1
            if state["overflow"]:
                return

    rec(0, 0, 0.0)
    if state["overflow"] or not state["optima"]:
        return None
    optima = sorted({_relabel(list(o)) for o in state["optima"]})
    return state["best"], optima
