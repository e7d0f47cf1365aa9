"""What every store offers: keep each source's facts, give back the graph built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

import networkx as nx

from graph.model import SourceFacts, source_version

Progress = Callable[[int], None]  # called with the number of items just done


@dataclass(frozen=True)
class LoadResult:
    """What a load changed, by source id."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    nodes: int = 0
    relationships: int = 0
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "replaced": list(self.replaced),
            "unchanged": list(self.unchanged),
            "nodes": self.nodes,
            "relationships": self.relationships,
        }


def classify(old: dict[str, str], new: list[SourceFacts]) -> tuple[list[str], list[str], list[str]]:
    """Split incoming sources by what the store has: (added, replaced, unchanged).

    `old` maps source ids to their versions (graph.model.source_version): a text is
    unchanged when neither it nor the extractor that read it changed.
    """
    added, replaced, unchanged = [], [], []
    for f in new:
        sid, sha = f.source.id, source_version(f.source)
        if sid not in old:
            added.append(sid)
        elif old[sid] != sha:
            replaced.append(sid)
        else:
            unchanged.append(sid)
    return added, replaced, unchanged


class Store(Protocol):
    """The embedded file store and the Neo4j store both satisfy this."""

    def load(self, facts: list[SourceFacts], progress: Progress | None = None) -> LoadResult: ...

    def versions(self) -> dict[str, str]:
        """{source id: source_version} of every loaded text (a load can skip the current ones)."""
        ...

    def graph(self) -> nx.MultiDiGraph: ...

    def write_properties(self, values: dict[str, dict[str, Any]]) -> int:
        """Write analysis results as node properties: {node_id: {prop: value}}; returns nodes touched."""
        ...

    def close(self) -> None: ...
