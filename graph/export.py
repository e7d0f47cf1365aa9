"""Exports for Gephi, yEd, Cytoscape and scripts: GraphML, GEXF, JSON and CSV.

Every writer streams to an open file handle and keeps each node's ``label``,
``id``, ``name`` and ``aliases`` and each relationship's ``type``, ``polarity``
and evidence. GraphML and GEXF have no lists, so lists are written as JSON
strings (``'["CPSU", "Soviet party"]'``); :func:`read_graphml` turns them back.
GEXF uses its own ``label`` slot for the display name (what Gephi shows), so
there the bloc label travels as the attribute ``node_label``; likewise an edge's
GEXF ``type`` means directed/undirected, so the relationship type is the edge's
``label`` and the attribute ``rel_type``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any, Callable

import networkx as nx

FORMATS = ("graphml", "gexf", "json", "csv")

NODE_COLUMNS = ("id", "label", "name", "aliases", "country", "party", "ruling", "kind", "start", "end", "place", "date", "born", "died", "discovered", "title", "path", "sha256")
EDGE_COLUMNS = (
    "source_id", "target_id", "key", "type", "polarity", "role", "date", "start", "end",
    "quote", "source", "start_char", "end_char", "method", "section", "evidence_count",
    "quotes", "sources", "start_chars", "end_chars", "methods", "sections",
)
#: node-link field names that cannot clash with bloc's own `id` and evidence `source` attributes
JSON_FIELDS = {"name": "node", "source": "from", "target": "to", "key": "key"}
_LIST_ATTRS = {"aliases", "quotes", "sources", "start_chars", "end_chars", "methods", "sections"}


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    """Scalar-only attributes: lists/dicts as JSON strings, None dropped."""
    out = {}
    for k, v in sorted(attrs.items()):
        if v is None:
            continue
        out[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else v
    return out


def _mapped(g: nx.MultiGraph, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> nx.MultiDiGraph:
    """A copy of `g` with every node's and edge's attributes passed through `fn`."""
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(n, **fn(d))
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **fn(d))
    return h


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph whose attributes are all scalars (what GraphML and GEXF can hold)."""
    return _mapped(g, _flat)


def write_graphml(g: nx.MultiDiGraph, fh: IO[bytes]) -> None:
    """GraphML readable by networkx.read_graphml, Gephi, yEd and Cytoscape."""
    nx.write_graphml(flat_graph(g), fh, encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_gexf(g: nx.MultiDiGraph, fh: IO[bytes]) -> None:
    """GEXF 1.2 for Gephi: node label = name (bloc label in `node_label`), edge label = type (also `rel_type`)."""
    h = flat_graph(g)
    for _, d in h.nodes(data=True):
        d["node_label"] = d.pop("label", "")
        d["label"] = d.get("name", "")
    for _, _, k, d in h.edges(keys=True, data=True):
        d["label"] = d["rel_type"] = d.pop("type", "")  # GEXF's own edge `type` means directed/undirected
        d["id"] = k  # the relation key as the GEXF edge id
    nx.write_gexf(h, fh, encoding="utf-8", prettyprint=True, version="1.2draft")


def write_json(g: nx.MultiDiGraph, fh: IO[str]) -> None:
    """Node-link JSON (lists kept as lists), keys sorted: same graph, same bytes."""
    data = nx.node_link_data(g, edges="edges", **JSON_FIELDS)
    fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1))
    fh.write("\n")


def write_csv(g: nx.MultiDiGraph, nodes_fh: IO[str], edges_fh: IO[str]) -> None:
    """Two CSV tables, nodes and relationships; list cells as JSON strings."""
    nw = csv.writer(nodes_fh, lineterminator="\n")
    nw.writerow(NODE_COLUMNS)
    for n, d in g.nodes(data=True):
        f = _flat(d)
        nw.writerow([f.get(c, "") for c in NODE_COLUMNS])
    ew = csv.writer(edges_fh, lineterminator="\n")
    ew.writerow(EDGE_COLUMNS)
    for u, v, k, d in g.edges(keys=True, data=True):
        f = _flat({**d, "source_id": u, "target_id": v, "key": k})
        ew.writerow([f.get(c, "") for c in EDGE_COLUMNS])


def unflatten(attrs: dict[str, Any]) -> dict[str, Any]:
    """Undo the JSON-string encoding of list attributes after reading GraphML, GEXF or CSV."""
    out = dict(attrs)
    for k in _LIST_ATTRS & set(out):
        if isinstance(out[k], str):
            out[k] = json.loads(out[k])
    return out


def read_graphml(fh: IO[bytes]) -> nx.MultiDiGraph:
    """Read a bloc GraphML file back into a graph like the one exported."""
    return _mapped(nx.read_graphml(fh, force_multigraph=True), unflatten)


def export(g: nx.MultiDiGraph, fmt: str, target: str) -> list[str]:
    """Write `g` in `fmt` to `target` (a file; for csv a folder); returns the paths written."""
    from pathlib import Path

    path = Path(target)
    if fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        with open(path / "nodes.csv", "w", encoding="utf-8", newline="") as nf, open(path / "relationships.csv", "w", encoding="utf-8", newline="") as ef:
            write_csv(g, nf, ef)
        return [str(path / "nodes.csv"), str(path / "relationships.csv")]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        with open(path, "w", encoding="utf-8") as fh:
            write_json(g, fh)
    else:
        buf = io.BytesIO()
        (write_graphml if fmt == "graphml" else write_gexf)(g, buf)
        path.write_bytes(buf.getvalue())
    return [str(path)]
