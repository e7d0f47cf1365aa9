"""The typed domain model: what the loaders find and the graph is built from.

Every fact is a frozen dataclass. A `Relation` always carries at least one
`Evidence` (the quote that states it, cut from the source by offsets), so the
graph can never hold a claim that no text makes. The vocabulary (labels,
relationship types, polarities) is the one of ``SCHEMA.md``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from typing import Any, Iterable

from graph.errors import ModelError

LABELS = ("Person", "Party", "State", "Organization", "Event", "Document", "Delegation", "Source")

#: Structural relationship types (no sign).
STRUCTURAL = (
    "LEADER_OF",
    "MEMBER_OF",
    "PARTY_OF",
    "HEADED",
    "DELEGATE_IN",
    "REPRESENTED",
    "ATTENDED",
    "SIGNED",
    "REFUSED_TO_SIGN",
    "ADOPTED",
    "PART_OF",
    "SUCCEEDED",
)

#: Signed interaction types and their default polarity (+1 cooperation, -1 conflict, 0 contact).
INTERACTION = {
    "SUPPORTED": 1,
    "ALLIED_WITH": 1,
    "MET_WITH": 0,
    "OPPOSED": -1,
    "CONDEMNED": -1,
    "SPLIT_WITH": -1,
    "EXPELLED": -1,
    "PURGED": -1,
    "INTERVENED_IN": -1,
}

REL_TYPES = STRUCTURAL + tuple(INTERACTION)

#: Methods by which a relation can be found; recorded on every piece of evidence.
METHODS = ("list", "pattern", "curated", "name", "heading")

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def slugify(text: str) -> str:
    """A stable lower-case ascii slug, the form of every node id.

    >>> slugify("Władysław Gomułka")
    'wladyslaw-gomulka'
    >>> slugify("Workers' Party of Korea")
    'workers-party-of-korea'
    """
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x"


def check_iso(value: str | None, what: str) -> None:
    """Dates are ISO prefixes as precise as the text: 1956, 1956-10, 1956-10-23."""
    if value is not None and not _ISO.match(value):
        raise ModelError(f"{what}: {value!r} is not an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD)")


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact is stated: a quote cut from a source by character offsets."""

    source: str  # the Source node id
    start_char: int
    end_char: int
    quote: str
    method: str
    section: str = ""  # the heading path, e.g. "Delegations > Present only at ..."

    def __post_init__(self) -> None:
        if self.end_char - self.start_char != len(self.quote):
            raise ModelError(
                f"evidence in {self.source}: offsets {self.start_char}-{self.end_char} do not fit a quote of {len(self.quote)} characters"
            )
        if self.method not in METHODS:
            raise ModelError(f"evidence in {self.source}: unknown method {self.method!r}")


@dataclass(frozen=True)
class Node:
    """An actor, event, document, delegation or source: one node of the graph."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # Party/Person/Organization: id of its State
    party: str | None = None  # Person: id of the main party (curated knowledge, not a relation)
    ruling: bool | None = None  # Party
    kind: str | None = None  # Organization/Event/Document
    start: str | None = None  # Event
    end: str | None = None
    place: str | None = None
    date: str | None = None  # Document
    born: str | None = None  # Person
    died: str | None = None
    discovered: bool = False  # found by a pattern, not in the gazetteer
    title: str | None = None  # Source
    path: str | None = None
    sha256: str | None = None
    extractor: str | None = None  # Source: fingerprint of the extractor that read it (code, gazetteer, lexicon)

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ModelError(f"node {self.id!r}: unknown label {self.label!r}")
        if not self.id or self.id != self.id.lower() or " " in self.id:
            raise ModelError(f"node id {self.id!r} is not a lower-case slug")
        for name in ("start", "end", "date", "born", "died"):
            check_iso(getattr(self, name), f"node {self.id} {name}")

    def properties(self) -> dict[str, Any]:
        """The node's properties without the unset ones, as stored and exported."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "aliases":
                out["aliases"] = list(value)
            elif f.name == "discovered":
                if value:
                    out["discovered"] = True
            elif value is not None:
                out[f.name] = value
        return out

    def merged(self, other: "Node") -> "Node":
        """Combine two descriptions of the same node: first wins, aliases united, curated beats discovered."""
        if other.id != self.id:
            raise ModelError(f"cannot merge node {self.id} with {other.id}")
        first, second = (self, other) if (self.discovered <= other.discovered) else (other, self)
        changes: dict[str, Any] = {}
        for f in fields(first):
            if f.name in ("id", "aliases", "discovered"):
                continue
            if getattr(first, f.name) is None and getattr(second, f.name) is not None:
                changes[f.name] = getattr(second, f.name)
        names = {first.name}
        aliases = sorted((set(first.aliases) | set(second.aliases) | {second.name}) - names)
        return replace(first, aliases=tuple(aliases), discovered=first.discovered and second.discovered, **changes)


@dataclass(frozen=True)
class Relation:
    """One fact between two nodes, with every piece of evidence that states it."""

    type: str
    source: str  # id of the node the relation goes from
    target: str  # id of the node it goes to
    evidence: tuple[Evidence, ...]
    polarity: int | None = None  # +1/0/-1 for interaction types, None for structural ones
    role: str | None = None  # LEADER_OF, SUCCEEDED: "First Secretary", "prime minister"
    date: str | None = None
    start: str | None = None
    end: str | None = None

    def __post_init__(self) -> None:
        if self.type not in REL_TYPES:
            raise ModelError(f"relation {self.source}->{self.target}: unknown type {self.type!r}")
        if not self.evidence:
            raise ModelError(f"relation {self.type} {self.source}->{self.target} has no evidence")
        if self.type in INTERACTION:
            if self.polarity not in (-1, 0, 1):
                raise ModelError(f"relation {self.type} {self.source}->{self.target} needs a polarity of -1, 0 or 1")
        elif self.polarity is not None:
            raise ModelError(f"structural relation {self.type} carries no polarity")
        for name in ("date", "start", "end"):
            check_iso(getattr(self, name), f"relation {self.type} {self.source}->{self.target} {name}")

    @property
    def key(self) -> str:
        """The fact's identity: the same key from two places is one relation with two pieces of evidence."""
        parts = [self.type, self.source, self.target]
        if self.role:
            parts.append(slugify(self.role))
        return "|".join(parts)

    def merged(self, other: "Relation") -> "Relation":
        """Unite the evidence of two statements of the same fact (sorted, no duplicates)."""
        if other.key != self.key:
            raise ModelError(f"cannot merge relation {self.key} with {other.key}")
        evidence = tuple(sorted(set(self.evidence) | set(other.evidence)))
        changes = {
            name: getattr(other, name)
            for name in ("date", "start", "end")
            if getattr(self, name) is None and getattr(other, name) is not None
        }
        return replace(self, evidence=evidence, **changes)

    def properties(self) -> dict[str, Any]:
        """Flat, store-ready properties: the first evidence as scalars, all of it as parallel lists.

        Neo4j and GraphML have no lists of maps, so ``quote``/``source``/... name the
        first piece of evidence and ``quotes``/``sources``/... hold every piece.
        """
        ev = sorted(self.evidence)
        first = ev[0]
        out: dict[str, Any] = {"type": self.type}
        if self.polarity is not None:
            out["polarity"] = self.polarity
        for name in ("role", "date", "start", "end"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        out.update(
            source=first.source,
            quote=first.quote,
            start_char=first.start_char,
            end_char=first.end_char,
            method=first.method,
            section=first.section,
            sources=[e.source for e in ev],
            quotes=[e.quote for e in ev],
            start_chars=[e.start_char for e in ev],
            end_chars=[e.end_char for e in ev],
            methods=[e.method for e in ev],
            sections=[e.section for e in ev],
            evidence_count=len(ev),
        )
        return out

    @classmethod
    def from_properties(cls, source: str, target: str, props: dict[str, Any]) -> "Relation":
        """Inverse of :meth:`properties` (used when reading a store back)."""
        evidence = tuple(
            Evidence(source=s, start_char=int(a), end_char=int(b), quote=q, method=m, section=sec)
            for s, a, b, q, m, sec in zip(
                props["sources"], props["start_chars"], props["end_chars"], props["quotes"], props["methods"], props["sections"]
            )
        )
        pol = props.get("polarity")
        return cls(
            type=props["type"],
            source=source,
            target=target,
            evidence=evidence,
            polarity=None if pol is None or pol == "" else int(pol),
            role=props.get("role") or None,
            date=props.get("date") or None,
            start=props.get("start") or None,
            end=props.get("end") or None,
        )


def source_version(source: "Node") -> str:
    """What makes a loaded text current: the text's sha256 and the extractor that read it."""
    return f"{source.sha256}|{source.extractor or ''}"


@dataclass(frozen=True)
class SourceFacts:
    """Everything one loaded text states: its Source node, the nodes it names, the relations it gives."""

    source: Node
    nodes: tuple[Node, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.source.label != "Source":
            raise ModelError(f"{self.source.id} is not a Source node")


def node_from_properties(props: dict[str, Any]) -> Node:
    """Inverse of :meth:`Node.properties`, tolerant of extra keys (e.g. analysis results)."""
    known = {f.name for f in fields(Node)}
    values = {k: v for k, v in props.items() if k in known and v is not None and v != ""}
    values["aliases"] = tuple(values.get("aliases") or ())
    return Node(**values)


def merge_all(items: Iterable[Any]) -> dict[str, Any]:
    """Merge nodes by id or relations by key, in input order."""
    out: dict[str, Any] = {}
    for item in items:
        k = item.key if isinstance(item, Relation) else item.id
        out[k] = out[k].merged(item) if k in out else item
    return out


def facts_to_dict(facts: SourceFacts) -> dict[str, Any]:
    """A JSON-ready form of one source's facts (what the stores keep per source)."""
    return {
        "source": facts.source.properties(),
        "nodes": [n.properties() for n in facts.nodes],
        "relations": [
            {
                "type": r.type,
                "from": r.source,
                "to": r.target,
                **{k: getattr(r, k) for k in ("polarity", "role", "date", "start", "end") if getattr(r, k) is not None},
                "evidence": [
                    {"source": e.source, "start_char": e.start_char, "end_char": e.end_char, "quote": e.quote, "method": e.method, "section": e.section}
                    for e in r.evidence
                ],
            }
            for r in facts.relations
        ],
        "warnings": list(facts.warnings),
    }


def facts_from_dict(data: dict[str, Any]) -> SourceFacts:
    """Inverse of :func:`facts_to_dict`; raises ModelError on a malformed record."""
    try:
        return SourceFacts(
            source=node_from_properties(data["source"]),
            nodes=tuple(node_from_properties(n) for n in data["nodes"]),
            relations=tuple(
                Relation(
                    type=r["type"],
                    source=r["from"],
                    target=r["to"],
                    evidence=tuple(Evidence(**e) for e in r["evidence"]),
                    **{k: r[k] for k in ("polarity", "role", "date", "start", "end") if k in r},
                )
                for r in data["relations"]
            ),
            warnings=tuple(data.get("warnings", ())),
        )
    except (KeyError, TypeError) as exc:
        raise ModelError(f"malformed facts record ({exc})") from None
