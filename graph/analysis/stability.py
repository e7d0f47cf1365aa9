"""Stability: how far a partition can be trusted.

* ``co_assignment_confidence``: over many partitions (seeded runs, or every
  optimal partition of an exact solver), how often each member's placement
  agrees with the chosen one, pair by pair;
* ``consensus``: the partition most runs agree on (pairs together in more than
  half of the runs) with that confidence;
* ``compare``: which memberships of one partition survive in another (camps
  matched by overlap), e.g. when single-source relationships are dropped.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Hashable, Iterable, Sequence

import networkx as nx


def co_assignment_confidence(nodes: Sequence[str], runs: Sequence[dict[str, Hashable]], chosen: dict[str, Hashable]) -> dict[str, float]:
    """Per member: the share of (other member, run) pairs whose together/apart agrees with `chosen`.

    1.0 means every run puts the member with exactly the same companions; a
    member alone in a component of one has confidence 1.0.
    """
    nodes = list(nodes)
    if len(nodes) < 2 or not runs:
        return {n: 1.0 for n in nodes}
    out = {}
    for a in nodes:
        agree = total = 0
        for b in nodes:
            if a == b:
                continue
            want = chosen[a] == chosen[b]
            for run in runs:
                total += 1
                agree += (run[a] == run[b]) == want
        out[a] = round(agree / total, 4) if total else 1.0
    return out


def consensus(nodes: Iterable[str], runs: Sequence[dict[str, Hashable]]) -> tuple[list[list[str]], dict[str, float]]:
    """Camps of the pairs placed together in more than half of the runs, and each member's confidence."""
    nodes = sorted(nodes)
    together = nx.Graph()
    together.add_nodes_from(nodes)
    n_runs = len(runs)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            same = sum(1 for r in runs if a in r and b in r and r[a] == r[b])
            if n_runs and same * 2 > n_runs:
                together.add_edge(a, b)
    camps = sorted((sorted(c) for c in nx.connected_components(together)), key=lambda c: (-len(c), c[0]))
    chosen = {n: i for i, c in enumerate(camps) for n in c}
    full = [r for r in runs if all(n in r for n in nodes)]
    return camps, co_assignment_confidence(nodes, full, chosen)


def match_camps(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]]) -> dict[int, int]:
    """Map each new camp index to the old camp it overlaps most (greedy by overlap, ties by index); unmatched ones are left out."""
    pairs = []
    for j, nc in enumerate(new):
        for i, oc in enumerate(old):
            ov = len(set(nc) & set(oc))
            if ov:
                pairs.append((-ov, i, j))
    pairs.sort()
    used_old, out = set(), {}
    for _, i, j in pairs:
        if i in used_old or j in out:
            continue
        used_old.add(i)
        out[j] = i
    return out


def compare(old: Sequence[Sequence[str]], new: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Which members of `old` keep their camp in `new` (camps matched by overlap), move, or drop out."""
    m = match_camps(old, new)
    camp_new = {n: j for j, c in enumerate(new) for n in c}
    kept, moved, lost = [], [], []
    for i, camp in enumerate(old):
        for n in camp:
            if n not in camp_new:
                lost.append(n)
            elif m.get(camp_new[n]) == i:
                kept.append(n)
            else:
                moved.append(n)
    return {"kept": sorted(kept), "moved": sorted(moved), "lost": sorted(lost)}


def modal(values: Iterable[Hashable]) -> Hashable:
    """The most common value (first seen wins ties)."""
    c = Counter(values)
    return max(c, key=lambda v: c[v])
