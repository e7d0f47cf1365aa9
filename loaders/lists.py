"""Delegation lists: "- Party X, delegation headed by A. The delegation also included B."

A list counts as a delegation list when its heading path or its items speak of
delegations; the events come from the list's heading ("Present for both the
Conference ... and the International Meeting ..."), or else from the document's
title. Each item gives one `Delegation` per event, with who headed it and who
else was in it, exactly as written: a name is a head only after "headed by",
"led by" and the like, and nobody after "represented by" is made a head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import Evidence, Node, Relation, slugify
from loaders.gazetteer import Gazetteer
from loaders.mentions import Mention
from loaders.reader import Block, Document

_HEAD = re.compile(
    r"\b(?:delegation\s+(?:was\s+)?)?(?:headed|led|chaired|leaded)\s+by\s+(?P<names>[^.;]+)", re.I
)
_MEMBERS_AFTER = re.compile(
    r"\b(?:represented\s+by|(?:also\s+)?includ(?:ed|ing)|accompanied\s+by|(?:with|and)\s+members?|members?\s*:|composed\s+of|comprised|consisting\s+of|along\s+with|joined\s+by)\s+(?P<names>[^.;]+)",
    re.I,
)
_MEMBERS_BEFORE = re.compile(
    r"(?P<names>[^.;]+?)\s+(?:was|were)\s+(?:also\s+)?(?:part|a\s+member|members|among\s+the\s+members)\s+of\s+the\s+delegation",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w\u00C0-\u024F\u1E00-\u1EFF'’.-]*)"
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|la|le|y|bin|al|el|ibn)"
_PERSON = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD})*$")
_ROLE_WORDS = {
    "prime", "minister", "president", "general", "secretary", "first", "chairman", "premier", "comrade",
    "leader", "head", "deputy", "vice", "marshal", "the", "party", "of", "republic", "democratic", "german",
    "communist", "central", "committee", "member", "politburo", "foreign", "defence", "defense",
}
_PARTY_SHAPE = re.compile(r"\b(Party|Communist|Communists|Workers'?|Labour|Labor|Front|League)\b")
_LIST_CUES = re.compile(r"delegat|represented by|headed by|led by", re.I)
_EVENT_SHAPE = re.compile(
    r"((?:\d{4}\s+)?(?:[A-Z][\w'’-]*\s+|(?:of|the|and|for|on)\s+)*(?:Meeting|Conference|Congress|Plenum|Summit|Assembly|Session|Forum|Consultation)(?:\s+(?:of|the|and|for|in|on|\d{4}|[A-Z][\w'’-]*))*)"
)


def _event_from_heading(doc: Document, block: Block, discovered: dict[str, Node]) -> list[str]:
    """An event named in a heading but unknown to the gazetteer becomes a discovered Event."""
    text = doc.cut(block.start, block.end)
    m = _EVENT_SHAPE.search(text)
    if not m:
        return []
    name = m.group(1).strip()
    name = re.sub(r"^(?:the|of|and|for|on)\s+", "", name, flags=re.I)
    name = re.sub(r"\s+(?:of|the|and|for|in|on)$", "", name)
    if len(name.split()) < 2:
        return []
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    node_id = slugify(name) if not year or year.group(1) in name else f"{slugify(name)}-{year.group(1)}"
    if node_id not in discovered:
        discovered[node_id] = Node(id=node_id, label="Event", name=name, start=year.group(1) if year else None, discovered=True)
    return [node_id]


@dataclass
class ListFacts:
    """What the lists of one document give: nodes and relations."""

    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _person_names(text: str, base: int, mentions: list[Mention], gaz: Gazetteer) -> list[tuple[str | None, str, int]]:
    """People named in a clause: (gazetteer id or None, name as written, absolute start)."""
    out: list[tuple[str | None, str, int]] = []
    end = base + len(text)
    known = [m for m in mentions if base <= m.start and m.end <= end]
    covered: list[tuple[int, int]] = []
    for m in known:
        if m.id in gaz and gaz[m.id].node.label == "Person":
            out.append((m.id, m.text, m.start))
        covered.append((m.start - base, m.end - base))
    # Unknown names: each comma/'and'-separated piece, minus role words, if it is shaped like a name.
    pos = 0
    for piece in _SPLIT.split(text):
        at = text.find(piece, pos)
        pos = at + len(piece)
        if not piece.strip() or any(a < at + len(piece) and at < b for a, b in covered):
            continue
        words = piece.strip().split()
        while words and (words[0].lower().strip(",") in _ROLE_WORDS or not words[0][0].isupper()):
            words = words[1:]
        name = " ".join(words).rstrip(",")
        if name and _PERSON.match(name) and len(words) <= 5:
            out.append((None, name, base + text.find(name, at)))
    return sorted(out, key=lambda t: t[2])


def _events(mentions: list[Mention], gaz: Gazetteer) -> list[str]:
    ids = []
    for m in mentions:
        if m.id in gaz and gaz[m.id].node.label == "Event" and m.id not in ids:
            ids.append(m.id)
    return ids


def extract_delegations(
    doc: Document, blocks: list[tuple[Block, list[Mention]]], gaz: Gazetteer, discovered: dict[str, Node]
) -> ListFacts:
    """Delegation nodes and their HEADED/DELEGATE_IN/REPRESENTED/ATTENDED relations from list items."""
    facts = ListFacts()
    title_events: list[str] = []
    heading_events: dict[int, list[str]] = {}  # level -> events named by the last heading of that level
    for block, mentions in blocks:
        if block.kind == "heading":
            events = _events(mentions, gaz) or _event_from_heading(doc, block, discovered)
            if block.level == 1:
                title_events = events
            heading_events = {lvl: ev for lvl, ev in heading_events.items() if lvl < block.level}
            heading_events[block.level] = events
            continue
        if block.kind != "item":
            continue
        text = doc.cut(block.start, block.end)
        if not (_LIST_CUES.search(block.section) or _LIST_CUES.search(text)):
            continue
        events = next((heading_events[lvl] for lvl in sorted(heading_events, reverse=True) if heading_events[lvl]), None)
        events = events or title_events
        head_part = text.split(",", 1)[0].strip()
        first = min((m for m in mentions if m.start == block.start), default=None, key=lambda m: -m.end)
        if first is not None and first.id in gaz and gaz[first.id].node.label == "Party" and first.end - block.start >= len(head_part) - 1:
            party_id, party_name = first.id, first.text
        elif _PARTY_SHAPE.search(head_part) and len(head_part.split()) <= 12:
            party_name = head_part.rstrip(".")
            party_id = slugify(party_name)
            if party_id not in gaz and party_id not in discovered:
                discovered[party_id] = Node(id=party_id, label="Party", name=party_name, discovered=True)
        else:
            continue
        if not events:
            facts.warnings.append(f"{doc.path}: delegation list item without an event in its heading: {text[:60]!r}")
            continue
        ev = Evidence(doc.id, block.start, block.end, text, "list", block.section)
        heads: list[tuple[str | None, str, int]] = []
        members: list[tuple[str | None, str, int]] = []
        for m in _HEAD.finditer(text):
            heads += _person_names(m.group("names"), block.start + m.start("names"), mentions, gaz)
        for m in _MEMBERS_AFTER.finditer(text):
            members += _person_names(m.group("names"), block.start + m.start("names"), mentions, gaz)
        for m in _MEMBERS_BEFORE.finditer(text):
            names = m.group("names")
            sentence_start = max(names.rfind(". "), -2) + 2
            members += _person_names(names[sentence_start:], block.start + m.start("names") + sentence_start, mentions, gaz)

        def person_id(pid: str | None, name: str) -> str:
            if pid:
                return pid
            new = slugify(name)
            if new not in gaz and new not in discovered:
                discovered[new] = Node(id=new, label="Person", name=name, discovered=True)
            return new

        head_ids = list(dict.fromkeys(person_id(p, n) for p, n, _ in heads))
        member_ids = [i for i in dict.fromkeys(person_id(p, n) for p, n, _ in members) if i not in head_ids]
        for event_id in events:
            del_id = f"delegation-{party_id}-{event_id}"
            event_name = gaz[event_id].node.name if event_id in gaz else event_id
            facts.nodes.append(Node(id=del_id, label="Delegation", name=f"{party_name} delegation to the {event_name}"))
            facts.relations.append(Relation("REPRESENTED", del_id, party_id, (ev,)))
            facts.relations.append(Relation("ATTENDED", del_id, event_id, (ev,)))
            for pid in head_ids:
                facts.relations.append(Relation("HEADED", pid, del_id, (ev,)))
            for pid in member_ids:
                facts.relations.append(Relation("DELEGATE_IN", pid, del_id, (ev,)))
    return facts
