"""Stability: how far a partition can be trusted.

* ``co_assignment_confidence``: over many partitions (seeded runs, or every
  optimal partition of an exact solver), how often each member's placement
  agrees with the chosen one, pair by pair;
* ``consensus``: the run that agrees most with all the others (the medoid,
  by Rand index) with that confidence;
* ``compare``: which memberships of one partition survive in another (camps
  matched by overlap), e.g. when single-source relationships are dropped.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Hashable, Iterable, Sequence

import numpy as np


def co_assignment_confidence(
    nodes: Sequence[str], runs: Sequence[dict[str, Hashable]], chosen: dict[str, Hashable], max_pairs: int = 2000, seed: int = 0
) -> dict[str, float]:
    """Per member: the share of (other member, run) pairs whose together/apart agrees with `chosen`.

    1.0 means every run puts the member with exactly the same companions; a
    member alone in a component of one has confidence 1.0. On networks larger
    than `max_pairs` each member is compared with a seeded sample of that many others.
    """
    nodes = list(nodes)
    n = len(nodes)
    if n < 2 or not runs:
        return {v: 1.0 for v in nodes}
    labels = np.array([[_code(run, v) for v in nodes] for run in runs])  # runs x n
    want = np.array([_code(chosen, v) for v in nodes])
    if n <= max_pairs:
        others = np.arange(n)
    else:
        others = np.sort(np.random.default_rng(seed).choice(n, size=max_pairs, replace=False))
    out = {}
    for i, v in enumerate(nodes):
        cols = others[others != i]
        target = want[cols] == want[i]
        agree = (labels[:, cols] == labels[:, [i]]) == target
        out[v] = round(float(agree.mean()), 4)
    return out


_CODES: dict[Hashable, int] = {}


def _code(run: dict[str, Hashable], v: str) -> int:
    """A camp label as an integer (any hashable label works)."""
    key = run[v]
    if isinstance(key, (int, np.integer)):
        return int(key)
    return _CODES.setdefault(key, len(_CODES) + 1_000_000)


def rand_index(a: Sequence[int], b: Sequence[int]) -> float:
    """Share of pairs two labelings agree on (together in both or apart in both), from the contingency table."""
    n = len(a)
    if n < 2:
        return 1.0
    pairs = Counter(zip(a, b))
    ca, cb = Counter(a), Counter(b)
    c2 = lambda x: x * (x - 1) / 2  # noqa: E731
    both = sum(c2(x) for x in pairs.values())
    total = c2(n)
    return (total + 2 * both - sum(c2(x) for x in ca.values()) - sum(c2(x) for x in cb.values())) / total


def consensus(nodes: Iterable[str], runs: Sequence[dict[str, Hashable]]) -> tuple[list[list[str]], dict[str, float]]:
    """The medoid run (the one agreeing most with all others, Rand index; earliest wins ties), and each member's confidence.

    A medoid is itself a partition the method produced, so its modularity is a
    real one; the confidence says how far the other runs agree with it.
    """
    nodes = sorted(nodes)
    full = [r for r in runs if all(v in r for v in nodes)]
    if not nodes or not full:
        return [[v] for v in nodes], {v: 1.0 for v in nodes}
    coded = [[_code(r, v) for v in nodes] for r in full]
    best, best_score = 0, -1.0
    for i, a in enumerate(coded):
        score = sum(rand_index(a, b) for j, b in enumerate(coded) if j != i)
        if score > best_score + 1e-12:
            best, best_score = i, score
    groups: dict[int, list[str]] = {}
    for v, c in zip(nodes, coded[best]):
        groups.setdefault(c, []).append(v)
    camps = sorted((sorted(c) for c in groups.values()), key=lambda c: (-len(c), c[0]))
    chosen = {v: i for i, c in enumerate(camps) for v in c}
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
