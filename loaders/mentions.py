"""Mentions of known actors, found with spaCy's PhraseMatcher over a blank English pipeline.

Matching is on a folded form of each token (diacritics stripped, curly quotes and
dashes made plain), so "Gomulka" finds Gomułka and "Workers’ Party" finds
"Workers' Party". Forms of three or more tokens also match regardless of case.
Where matches overlap, the longest wins: "Albania" inside "Party of Labour of
Albania" is not a mention of the state.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from loaders.gazetteer import Gazetteer

_PLAIN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
    }
)


def fold(text: str) -> str:
    """Plain form for matching: diacritics, curly quotes and long dashes made plain.

    >>> fold("Władysław Gomułka’s")
    "Wladyslaw Gomulka's"
    >>> fold("Sino–Soviet")
    'Sino-Soviet'
    """
    text = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in text if not unicodedata.combining(c))


@Language.component("bloc_fold")
def _fold_tokens(doc: Doc) -> Doc:
    """Set NORM to the folded text and LEMMA to its lower case (a blank pipeline has no lemmatizer)."""
    for token in doc:
        folded = fold(token.text)
        token.norm_ = folded
        token.lemma_ = folded.lower()
    return doc


_FOOTNOTE = r"(?<=[^\d\s][.!?;:\u2019\u201d\"')\]])\d{1,3}$"  # 'bloc.18', '’.13', '’6': a note number glued to punctuation
_SUPERSCRIPT = r"(?<=\S)[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]{1,3}$"  # 'personally.³', 'Moscow¹²': a superscript note number is never part of a word
_ENDS = {".", "!", "?", "\u2026", "...", ".\u2026", "\u2026."}
_CLOSERS = {"\u2019", "\u201d", '"', "'", ")", "]", "\u00bb"}
_OPENERS = {"(": ")", "[": "]"}
_MAX_BRACKET = 60  # tokens


@Language.component("bloc_sentences")
def _sentences(doc: Doc) -> Doc:
    """Sentence starts for history prose.

    A sentence ends at '.', '!', '?' or an ellipsis, together with the closing
    quotes or brackets glued to it and a footnote number glued to those; the
    next sentence starts only where the following word opens like a sentence
    (upper case, a digit, an opening quote or bracket). Nothing inside round or
    square brackets ends a sentence: '(p. 142)', '[Khrushchev]'.
    """
    n = len(doc)
    if n:
        doc[0].is_sent_start = True
    depth, opened = 0, 0
    i = 0
    while i < n:
        tok = doc[i]
        if i > 0 and not tok.is_sent_start:
            tok.is_sent_start = False
        text = tok.text
        if text in _OPENERS:
            depth, opened = depth + 1, (i if depth == 0 else opened)
        elif text in (")", "]"):
            depth = max(0, depth - 1)
        if depth and i - opened > _MAX_BRACKET:
            depth = 0  # an unclosed bracket does not swallow the rest of the block
        if text in _ENDS and depth == 0:
            j = i + 1
            while j < n and doc[j].text in _CLOSERS and doc[j - 1].whitespace_ == "":
                j += 1
            if j < n and doc[j].text.isdigit() and len(doc[j].text) <= 3 and doc[j - 1].whitespace_ == "":
                j += 1
            for k in range(i + 1, j):
                doc[k].is_sent_start = False
            if j < n:
                first = doc[j].text
                opens = first[0].isupper() or first[0].isdigit() or first[0] in "\u2018\u201c\"'([\u00ab"
                doc[j].is_sent_start = bool(opens) and doc[j - 1].whitespace_ != ""
            i = j
            continue
        i += 1
    return doc


def make_nlp() -> Language:
    """The blank English pipeline bloc reads with: tokenizer, sentence splitter, folding.

    The tokenizer also cuts footnote numbers off the punctuation they are glued
    to ('bloc.18' -> 'bloc' '.' '18') and em dashes off whatever they touch, so
    sentences end where the text's do.
    """
    nlp = spacy.blank("en")
    suffixes = [_FOOTNOTE, _SUPERSCRIPT, *nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    infixes = [r"\u2014", r"[)\]](?=\u2014)", *nlp.Defaults.infixes]  # an em dash always stands alone: "(HWP)\u2014a distinct sign"
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("bloc_sentences")
    nlp.add_pipe("bloc_fold")
    return nlp


@dataclass(frozen=True, order=True)
class Mention:
    """A stretch of a source that names a node: absolute character offsets, the source, the sentence around it."""

    start: int
    end: int
    id: str
    text: str
    how: str = "name"  # name | alias | discovered | demonym | metonym | pronoun | role
    source: str = field(default="", compare=False)  # the Source id
    sentence: tuple[int, int] = field(default=(-1, -1), compare=False)  # offsets of the sentence that holds it


class MentionFinder:
    """Built once per load: one PhraseMatcher over every name and alias of the gazetteer."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.exact = PhraseMatcher(nlp.vocab, attr="NORM")
        self.caseless = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.forms: dict[str, set[str]] = {}  # folded form -> ids
        self.names = {e.id: fold(e.node.name) for e in gazetteer.entries.values()}
        for form, node_id in gazetteer.surface_forms():
            self.forms.setdefault(fold(form), set()).add(node_id)
        self.ambiguous = {f for f, ids in self.forms.items() if len(ids) > 1}
        by_id: dict[str, list[str]] = {}
        for form, ids in sorted(self.forms.items()):
            if form in self.ambiguous:
                continue
            by_id.setdefault(next(iter(ids)), []).append(form)
        with nlp.select_pipes(enable=["bloc_fold"]):
            for node_id, forms in sorted(by_id.items()):
                docs = list(nlp.pipe(forms))
                self.exact.add(node_id, docs)
                long = [d for d in docs if len(d) >= 3]
                if long:
                    self.caseless.add(node_id, long)

    def spans(self, doc: Doc) -> list[Span]:
        """Non-overlapping spans naming gazetteer entries (span.label_ is the node id)."""
        found = self.exact(doc, as_spans=True) + self.caseless(doc, as_spans=True)
        return filter_spans(found)

    def find(self, doc: Doc, offset: int = 0, source: str = "") -> list[Mention]:
        """Mentions in a parsed block of `source` whose text starts at `offset` in it."""
        out = []
        for span in self.spans(doc):
            how = "name" if fold(span.text) == self.names.get(span.label_) else "alias"
            sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
            out.append(
                Mention(offset + span.start_char, offset + span.end_char, span.label_, span.text, how, source, (offset + sent.start_char, offset + sent.end_char))
            )
        return out


def mentions_in(nlp: Language, finder: MentionFinder, texts: Iterable[str]) -> list[list[Mention]]:
    """Convenience for tests and scripts: mentions in each of several texts."""
    return [finder.find(doc) for doc in nlp.pipe(texts)]
