"""The curated gazetteer: known actors with names, aliases, demonyms and metonyms (data in YAML).

The packaged ``gazetteer.yaml`` is a starting point; users add their own files
with ``bloc load --gazetteer FILE``. Entries are validated here, at the edge:
a bad entry is an InputError naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from graph.errors import InputError, ModelError
from graph.model import LABELS, Node, slugify

_NODE_FIELDS = {"id", "label", "name", "aliases", "country", "party", "ruling", "kind", "start", "end", "place", "date", "born", "died"}
_EXTRA_FIELDS = {"demonyms", "metonyms"}


@dataclass(frozen=True)
class Entry:
    """One curated actor: its node plus the words that point at it only in context."""

    node: Node
    demonyms: tuple[str, ...] = ()  # State: "Yugoslav", "Yugoslavs"
    metonyms: tuple[str, ...] = ()  # State: "Belgrade", "the Kremlin"

    @property
    def id(self) -> str:
        return self.node.id


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that remembers the line of every mapping (as '__line__')."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class Gazetteer:
    """All curated entries, by id, with lookups by surface form."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: dict[str, Entry] = {}
        for e in entries:
            if e.id in self.entries:
                self.entries[e.id] = Entry(
                    self.entries[e.id].node.merged(e.node),
                    tuple(dict.fromkeys(self.entries[e.id].demonyms + e.demonyms)),
                    tuple(dict.fromkeys(self.entries[e.id].metonyms + e.metonyms)),
                )
            else:
                self.entries[e.id] = e

    def __contains__(self, node_id: str) -> bool:
        return node_id in self.entries

    def __getitem__(self, node_id: str) -> Entry:
        return self.entries[node_id]

    def __len__(self) -> int:
        return len(self.entries)

    def nodes(self) -> list[Node]:
        return [e.node for e in self.entries.values()]

    def surface_forms(self) -> list[tuple[str, str]]:
        """(text, id) for every name and alias, in a stable order."""
        out = []
        for e in self.entries.values():
            for form in (e.node.name, *e.node.aliases):
                out.append((form, e.id))
        return out

    def by_label(self, label: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.node.label == label]

    def extend(self, other: "Gazetteer") -> "Gazetteer":
        return Gazetteer([*self.entries.values(), *other.entries.values()])


def _entry(raw: Any, path: str) -> Entry:
    if not isinstance(raw, dict):
        raise InputError("each gazetteer entry must be a mapping", path)
    line = raw.pop("__line__", None)
    unknown = set(raw) - _NODE_FIELDS - _EXTRA_FIELDS
    if unknown:
        raise InputError(f"unknown field(s) {', '.join(sorted(unknown))}", path, line)
    for required in ("label", "name"):
        if not raw.get(required):
            raise InputError(f"entry has no {required!r}", path, line)
    if raw["label"] not in LABELS:
        raise InputError(f"unknown label {raw['label']!r} (one of {', '.join(LABELS)})", path, line)
    values = {k: v for k, v in raw.items() if k in _NODE_FIELDS}
    values.setdefault("id", slugify(str(raw["name"])))
    for key in ("aliases",):
        v = values.get(key) or []
        if not isinstance(v, list) or not all(isinstance(a, str) for a in v):
            raise InputError(f"{key} must be a list of strings", path, line)
        values[key] = tuple(v)
    for key in ("start", "end", "date", "born", "died"):
        if key in values and values[key] is not None:
            values[key] = str(values[key])
    extras = {}
    for key in _EXTRA_FIELDS:
        v = raw.get(key) or []
        if not isinstance(v, list) or not all(isinstance(a, str) for a in v):
            raise InputError(f"{key} must be a list of strings", path, line)
        extras[key] = tuple(v)
    try:
        node = Node(**values)
    except (ModelError, TypeError) as exc:
        raise InputError(str(exc), path, line) from None
    return Entry(node, **extras)


def parse_gazetteer(text: str, path: str) -> Gazetteer:
    """Parse and check gazetteer YAML; references (country, party, place) must resolve."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML ({getattr(exc, 'problem', exc)})", path, mark.line + 1 if mark else None) from None
    if not isinstance(data, list):
        raise InputError("a gazetteer is a YAML list of entries", path)
    lines = [d.get("__line__") if isinstance(d, dict) else None for d in data]
    entries = [_entry(raw, path) for raw in data]
    seen: dict[str, int | None] = {}
    for e, line in zip(entries, lines):
        if e.id in seen:
            raise InputError(f"duplicate id {e.id!r} (first at line {seen[e.id]})", path, line)
        seen[e.id] = line
    return Gazetteer(entries)


def check_references(gaz: Gazetteer, path: str = "gazetteer") -> None:
    """Every country/party/place reference must name an entry of the right label."""
    want = {"country": "State", "party": "Party", "place": "State"}
    for e in gaz.entries.values():
        for field_, label in want.items():
            ref = getattr(e.node, field_)
            if ref is not None and (ref not in gaz or gaz[ref].node.label != label):
                raise InputError(f"entry {e.id!r}: {field_} {ref!r} is not a {label} of the gazetteer", path)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer (parsed once per process)."""
    text = resources.files("loaders").joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    gaz = parse_gazetteer(text, "loaders/gazetteer.yaml")
    check_references(gaz, "loaders/gazetteer.yaml")
    return gaz


def load_gazetteer(paths: Iterable[str | Path] = (), base: Gazetteer | None = None) -> Gazetteer:
    """The default gazetteer extended by the user's files."""
    gaz = base if base is not None else default_gazetteer()
    for p in paths:
        path = Path(p)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such gazetteer file", str(path)) from None
        except UnicodeDecodeError:
            raise InputError("gazetteer is not valid UTF-8", str(path)) from None
        gaz = gaz.extend(parse_gazetteer(text, str(path)))
    check_references(gaz, "gazetteer")
    return gaz
