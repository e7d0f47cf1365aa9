"""One call from paths to facts: read, parse with spaCy, find mentions, lists and relations.

Everything expensive (the spaCy pipeline, the matchers) is built once per
`Extractor`; texts stream through ``nlp.pipe`` block by block, so the cost of a
load grows linearly with its input. Every quote is re-cut from its source by
its offsets before it leaves here: a mismatch is a loader bug and fails loudly.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from graph.errors import ExtractionError
from graph.model import Node, Relation, SourceFacts, merge_all
from loaders.gazetteer import Gazetteer, load_gazetteer
from loaders.lists import extract_delegations
from loaders.mentions import Mention, MentionFinder, make_nlp
from loaders.reader import Block, Document, expand_paths, iter_documents

Warn = Callable[[str], None]

#: Part of the extractor's fingerprint, with the loaders' own source files, the gazetteer and
#: the lexicon: a store re-reads any text that an extractor with another fingerprint read.
EXTRACTOR_VERSION = 1


def default_corpus() -> Path:
    """The sample corpus shipped with bloc (the default input of `bloc load`)."""
    here = Path(__file__).resolve().parent.parent / "corpus"
    if here.is_dir():
        return here
    return Path(str(resources.files("corpus")))


@dataclass(frozen=True)
class ParsedBlock:
    """A block of a document, parsed by spaCy, with the mentions found in it."""

    block: Block
    doc: Doc  # the block's text only; add `block.start` to a token's idx for the source offset
    mentions: tuple[Mention, ...]

    @property
    def offset(self) -> int:
        return self.block.start


class Extractor:
    """Built once, used for any number of texts."""

    def __init__(self, gazetteer: Gazetteer | None = None, batch_size: int = 64):
        from loaders.relations import RelationExtractor  # the prose step; imported late to keep layers clear

        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.nlp = make_nlp()
        self.finder = MentionFinder(self.nlp, self.gazetteer)
        self.relations = RelationExtractor(self.nlp, self.gazetteer)
        self.batch_size = batch_size
        self.fingerprint = self._fingerprint()

    def _fingerprint(self) -> str:
        """Short hash of what decides the facts besides the text: the loaders' code, the gazetteer, the lexicon."""
        h = hashlib.sha256(f"bloc-extractor-{EXTRACTOR_VERSION}".encode())
        code = resources.files("loaders")
        for name in sorted(p.name for p in code.iterdir() if p.name.endswith(".py")):
            h.update(code.joinpath(name).read_bytes())
        for node_id in sorted(self.gazetteer.entries):
            e = self.gazetteer[node_id]
            h.update(json.dumps([e.node.properties(), list(e.demonyms), list(e.metonyms)], sort_keys=True, ensure_ascii=False).encode())
        lex = self.relations.lex
        h.update(json.dumps([lex.types, lex.entries], sort_keys=True, ensure_ascii=False, default=str).encode())
        return h.hexdigest()[:16]

    def parse(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[ParsedBlock]]]:
        """Stream documents through spaCy, block by block, keeping each document's blocks together."""
        docs_by_index: dict[int, Document] = {}

        def blocks() -> Iterator[tuple[str, tuple[int, Block]]]:
            for i, d in enumerate(documents):
                docs_by_index[i] = d
                for b in d.blocks:
                    yield d.text[b.start : b.end], (i, b)
                if not d.blocks:
                    yield "", (i, None)

        parsed = self.nlp.pipe(blocks(), as_tuples=True, batch_size=self.batch_size)
        for i, group in itertools.groupby(parsed, key=lambda t: t[1][0]):
            doc = docs_by_index.pop(i)
            out = []
            for spacy_doc, (_, block) in group:
                if block is None:
                    continue
                out.append(ParsedBlock(block, spacy_doc, tuple(self.finder.find(spacy_doc, block.start, doc.id))))
            yield doc, out

    def extract_document(self, doc: Document, parsed: list[ParsedBlock]) -> SourceFacts:
        """The facts of one parsed document."""
        gaz = self.gazetteer
        discovered: dict[str, Node] = {}
        source = Node(id=doc.id, label="Source", name=doc.title, title=doc.title, path=doc.path, sha256=doc.sha256, extractor=self.fingerprint)
        lists = extract_delegations(doc, [(p.block, list(p.mentions)) for p in parsed], gaz, discovered)
        prose = self.relations.extract(doc, parsed, discovered)
        relations = list(merge_all([*lists.relations, *prose.relations]).values())
        _check_evidence(doc, relations)
        ids = {m.id for p in parsed for m in p.mentions} | {m.id for m in prose.mentions}
        ids |= {r.source for r in relations} | {r.target for r in relations}
        nodes: dict[str, Node] = {n.id: n for n in [*lists.nodes, *prose.nodes]}
        for node_id in ids:
            if node_id in nodes:
                continue
            if node_id in gaz:
                nodes[node_id] = gaz[node_id].node
            elif node_id in discovered:
                nodes[node_id] = discovered[node_id]
            else:
                raise ExtractionError(f"{doc.path}: a relation names {node_id!r}, which is neither known nor discovered")
        return SourceFacts(
            source=source,
            nodes=tuple(nodes[k] for k in sorted(nodes)),
            relations=tuple(sorted(relations, key=lambda r: r.key)),
            warnings=tuple([*lists.warnings, *prose.warnings]),
        )

    def extract(self, paths: list[str | Path], progress: Callable[[int], None] | None = None, warn: Warn = lambda m: None) -> list[SourceFacts]:
        """Paths (files or folders) -> one SourceFacts per text. Bad input raises before anything is returned."""
        return self.extract_changed(paths, {}, progress, warn)[0]

    def extract_changed(
        self, paths: list[str | Path], current: dict[str, str], progress: Callable[[int], None] | None = None, warn: Warn = lambda m: None
    ) -> tuple[list[SourceFacts], list[str]]:
        """Like `extract`, but texts whose version is in `current` ({source id: version}, see
        graph.model.source_version) are only read and hashed, not parsed: (facts, skipped ids)."""
        return self.extract_files(expand_paths(paths, warn), current, progress, warn)

    def extract_files(
        self, files: list[tuple[Path, bool]], current: dict[str, str], progress: Callable[[int], None] | None = None, warn: Warn = lambda m: None
    ) -> tuple[list[SourceFacts], list[str]]:
        """`extract_changed` over files already expanded by `loaders.reader.expand_paths`."""
        skipped: list[str] = []

        def fresh(docs: Iterable[Document]) -> Iterator[Document]:
            for d in docs:
                if current.get(d.id) == f"{d.sha256}|{self.fingerprint}":
                    skipped.append(d.id)
                    if progress:
                        progress(1)
                else:
                    yield d

        out = []
        for doc, parsed in self.parse(fresh(iter_documents(files, warn))):
            facts = self.extract_document(doc, parsed)
            for w in facts.warnings:
                warn(w)
            out.append(facts)
            if progress:
                progress(1)
        return out, skipped


def _check_evidence(doc: Document, relations: list[Relation]) -> None:
    for r in relations:
        for e in r.evidence:
            if e.source == doc.id and doc.text[e.start_char : e.end_char] != e.quote:
                raise ExtractionError(
                    f"{doc.path}: quote for {r.type} {r.source}->{r.target} does not re-cut at {e.start_char}-{e.end_char}: {e.quote[:60]!r}"
                )


def extract(paths: list[str | Path], gazetteer: Gazetteer | None = None, **kwargs) -> list[SourceFacts]:
    """Shortcut: a fresh Extractor over `paths`."""
    return Extractor(gazetteer).extract(paths, **kwargs)
