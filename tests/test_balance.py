"""Structural balance: exact answers on small signed graphs, checked against brute force."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from graph.analysis.balance import balance, frustration_of, signed_weights


def signed(*edges):
    h = nx.Graph()
    for a, b, w in edges:
        h.add_edge(a, b, weight=w)
    return h


def brute_force(h, kmax):
    """(least frustration, fewest camps reaching it) over every assignment."""
    nodes = sorted(h)
    w = signed_weights(h)
    best = None
    for labels in itertools.product(range(kmax), repeat=len(nodes)):
        a = dict(zip(nodes, labels))
        key = (frustration_of(w, a), len(set(labels)))
        best = key if best is None or key < best else best
    return best


def test_balanced_triangle_has_no_frustration():
    r = balance(signed(("a", "b", 1), ("b", "c", -1), ("a", "c", -1)))
    assert r.camps == [["a", "b"], ["c"]] and r.frustration == 0 and r.frustrated == []
    assert r.solver == "exact (branch and bound)" and r.confidence == {"a": 1.0, "b": 1.0, "c": 1.0}


def test_all_positive_is_one_camp():
    r = balance(signed(("a", "b", 1), ("b", "c", 2), ("a", "c", 1)))
    assert r.camps == [["a", "b", "c"]] and r.frustration == 0 and r.total == 4


def test_unbalanced_triangle_frustrates_one_tie():
    r = balance(signed(("a", "b", 1), ("b", "c", 1), ("a", "c", -1)))
    assert r.frustration == 1
    assert r.camps == [["a", "b", "c"]]  # the fewest camps at that cost
    assert r.frustrated == [("a", "c", -1.0, "negative within a camp")]


def test_all_negative_triangle_needs_three_camps_or_frustrates_one():
    h = signed(("a", "b", -1), ("b", "c", -1), ("a", "c", -1))
    r2 = balance(h, k=2)
    assert r2.frustration == 1 and len(r2.camps) == 2
    assert r2.components[0].optima == 3  # three ways to pair two of them
    assert all(c < 1 for c in r2.confidence.values())
    r3 = balance(h)
    assert r3.frustration == 0 and r3.camps == [["a"], ["b"], ["c"]]


def test_weights_count():
    # a strong alliance across a weak enmity: keep the alliance, frustrate the enmity
    r = balance(signed(("a", "b", 3), ("b", "c", 1), ("a", "c", -1)), k=2)
    assert r.frustration == 1 and r.camps == [["a", "b", "c"]]


def test_camps_never_span_components():
    r = balance(signed(("a", "b", -1), ("c", "d", -1), ("e", "f", 1), ("x", "y", 0)))
    assert r.camps == [["a"], ["b"], ["c"], ["d"], ["e", "f"]]
    assert r.component_of["a"] == r.component_of["b"] != r.component_of["c"]
    assert "x" not in r.component_of  # a zero-sum pair has no sign


@pytest.mark.parametrize("seed", range(12))
def test_exact_matches_brute_force_and_local_search_never_beats_it(seed):
    rng = random.Random(seed)
    n = rng.randint(4, 7)
    h = nx.Graph()
    for i, j in itertools.combinations(range(n), 2):
        if rng.random() < 0.6:
            h.add_edge(f"n{i}", f"n{j}", weight=rng.choice([-2, -1, 1, 1, 2]))
    h = h.subgraph(max(nx.connected_components(h), key=len)).copy()
    for kmax in (2, 3):
        exact = balance(h, k=kmax)
        assert (exact.frustration, len(exact.camps)) == brute_force(h, kmax)
        assert exact.solver == "exact (branch and bound)"
        ls = balance(h, k=kmax, exact_limit=0)
        assert ls.solver.startswith("local search") and ls.frustration >= exact.frustration


def test_local_search_finds_a_planted_split_on_a_large_graph():
    rng = random.Random(7)
    h = nx.Graph()
    n = 120
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < 0.08:
                h.add_edge(f"n{i:03}", f"n{j:03}", weight=1 if (i < 60) == (j < 60) else -1)
    r = balance(h, k=2, exact_limit=20, restarts=10)
    assert r.solver.startswith("local search") and r.frustration == 0
    assert sorted(len(c) for c in r.camps) == [60, 60]


def test_deterministic_whatever_the_insertion_order():
    edges = [("a", "b", 1), ("b", "c", -1), ("c", "d", 1), ("d", "a", -1), ("a", "c", -1), ("b", "d", 1)]
    r1 = balance(signed(*edges), k=2)
    r2 = balance(signed(*reversed(edges)), k=2)
    assert (r1.camps, r1.frustration, r1.confidence) == (r2.camps, r2.frustration, r2.confidence)


def test_bad_k():
    with pytest.raises(ValueError):
        balance(signed(("a", "b", 1)), k=0)
