"""Prose -> relations. (First cut: PARTY_OF from party names; the verb lexicon comes next.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.model import Evidence, Node, Relation
from loaders.gazetteer import Gazetteer
from loaders.mentions import Mention
from loaders.reader import Document

if TYPE_CHECKING:
    from loaders.pipeline import ParsedBlock


@dataclass
class ProseFacts:
    """What the prose of one document gives."""

    nodes: list[Node] = field(default_factory=list)  # new nodes (discovered actors) with their properties
    relations: list[Relation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # extra mentions found here (resolved pronouns, demonyms...)
    warnings: list[str] = field(default_factory=list)


class RelationExtractor:
    """Built once per load, like the mention finder."""

    def __init__(self, nlp, gazetteer: Gazetteer):
        self.nlp = nlp
        self.gazetteer = gazetteer

    def extract(self, doc: Document, parsed: list["ParsedBlock"], discovered: dict[str, Node]) -> ProseFacts:
        out = ProseFacts()
        gaz = self.gazetteer
        for p in parsed:
            for sent in p.doc.sents:
                s0, s1 = p.offset + sent.start_char, p.offset + sent.end_char
                for m in p.mentions:
                    if not (s0 <= m.start and m.end <= s1) or m.id not in gaz:
                        continue
                    node = gaz[m.id].node
                    if node.label == "Party" and node.country:
                        ev = Evidence(doc.id, s0, s1, doc.text[s0:s1], "name", p.block.section)
                        out.relations.append(Relation("PARTY_OF", node.id, node.country, (ev,)))
        return out
