"""Look-ups on the graph: counts by label and type, and one actor with all its evidence."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graph.errors import NotFound
from loaders.mentions import fold


def stats(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of nodes by label and relationships by type (sorted by name)."""
    labels = Counter(d.get("label", "?") for _, d in g.nodes(data=True))
    types = Counter(d.get("type", "?") for _, _, d in g.edges(data=True))
    return {
        "nodes": g.number_of_nodes(),
        "relationships": g.number_of_edges(),
        "labels": dict(sorted(labels.items())),
        "types": dict(sorted(types.items())),
        "sources": sorted(n for n, d in g.nodes(data=True) if d.get("label") == "Source"),
    }


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The id of the node called `name`: by id, then name, then alias (case and diacritics ignored)."""
    if name in g:
        return name
    key = fold(name).casefold().strip()
    for attr in ("name", "aliases"):
        hits = []
        for n, d in g.nodes(data=True):
            values = d.get(attr) or []
            values = [values] if isinstance(values, str) else values
            if any(fold(v).casefold() == key for v in values):
                hits.append(n)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise NotFound(f"{name!r} is ambiguous: {', '.join(sorted(hits))}; use an id")
    close = sorted(n for n, d in g.nodes(data=True) if key in fold(str(d.get("name", ""))).casefold())[:5]
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise NotFound(f"no actor named {name!r} in the store{hint}")


def show(g: nx.MultiDiGraph, name: str) -> dict[str, Any]:
    """An actor, its properties and every relationship touching it with its quotes and sources."""
    node_id = find_node(g, name)
    rels = []
    for u, v, k, d in list(g.out_edges(node_id, keys=True, data=True)) + list(g.in_edges(node_id, keys=True, data=True)):
        other = v if u == node_id else u
        rels.append(
            {
                "key": k,
                "type": d["type"],
                "direction": "out" if u == node_id else "in",
                "other": other,
                "other_name": g.nodes[other].get("name", other),
                "polarity": d.get("polarity"),
                "role": d.get("role"),
                "date": d.get("date") or d.get("start"),
                "evidence": [
                    {"source": s, "quote": q, "start_char": a, "end_char": b, "method": m, "section": sec}
                    for s, q, a, b, m, sec in zip(d["sources"], d["quotes"], d["start_chars"], d["end_chars"], d["methods"], d["sections"])
                ],
            }
        )
    rels.sort(key=lambda r: (r["date"] or "9999", r["type"], r["direction"], r["other"]))
    return {"node": dict(sorted(g.nodes[node_id].items())), "relationships": rels}
