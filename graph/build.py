"""Facts -> graph: one networkx.MultiDiGraph per SCHEMA.md, evidence merged, ids stable.

Nodes are keyed by id and carry their properties (``label``, ``name``,
``aliases``, ...). Edges are keyed by the relation's key (type, ends and role) and
carry flat properties (see :meth:`graph.model.Relation.properties`). Nodes and
edges are inserted in sorted order, so the same facts give the same graph and
the same bytes out, whatever order the sources were loaded in.
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx

from graph.errors import ModelError
from graph.model import Node, Relation, SourceFacts, merge_all


def build_graph(facts: Iterable[SourceFacts]) -> nx.MultiDiGraph:
    """The property graph of every source's facts."""
    facts = sorted(facts, key=lambda f: f.source.id)
    nodes: dict[str, Node] = merge_all([f.source for f in facts] + [n for f in facts for n in f.nodes])
    relations: dict[str, Relation] = merge_all(r for f in facts for r in f.relations)
    g = nx.MultiDiGraph()
    for node_id in sorted(nodes):
        g.add_node(node_id, **nodes[node_id].properties())
    for key in sorted(relations):
        rel = relations[key]
        for end in (rel.source, rel.target):
            if end not in nodes:
                raise ModelError(f"relation {key} names a node that no source describes: {end!r}")
        g.add_edge(rel.source, rel.target, key=key, **rel.properties())
    return g


def relations_of(g: nx.MultiDiGraph) -> list[Relation]:
    """The graph's edges as model objects, in key order."""
    return [Relation.from_properties(u, v, attrs) for u, v, _, attrs in sorted(g.edges(keys=True, data=True), key=lambda e: e[2])]
