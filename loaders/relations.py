"""Prose -> relations: who supported, opposed, led, succeeded, split with whom, with evidence and dates.

The prose of a document is read sentence by sentence over spaCy tokens (a blank
pipeline: no tagger, no parser). Three things are found in each sentence:

1. who is named (`Ref`s): gazetteer names, names discovered in the text
   (loaders/discover.py), demonyms, capitals and collective nouns ("the
   Yugoslavs", "Moscow", "the Italian delegation"), descriptions ("the 1957
   meeting", "the declaration"), role nouns ("the Soviet leader") and pronouns,
   resolved by the rules of loaders/resolve.py;
2. the phrases of the relation lexicon (loaders/lexicon.yaml), matched with a
   spaCy Matcher built once: each gives a type, a polarity and where its two
   ends are (subject and object, passive "was expelled from", noun phrases
   "Moscow's disapproval of", "the Soviet invasion of");
3. the structural patterns of leadership ("the Albanian leader Enver Hoxha",
   "the First Secretary of the Soviet Communist Party, Nikita Khrushchev",
   "was put back in charge as the party's First Secretary"), successions, and
   parties' countries.

A phrase preceded in its clause by a negation or a hedge ("did not support",
"avoided", "unless ... intervened") gives nothing: the text does not state the
fact. Where an end cannot be resolved with confidence, the fact is left out.

Every relation carries the sentence (or list item) that states it as its
quote, cut from the source by offsets, and the date the sentence gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import TYPE_CHECKING, Iterable

import yaml
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.errors import InputError
from graph.model import INTERACTION, Evidence, Node, Relation, slugify
from loaders.dates import DateContext, DateMention, find_dates
from loaders.discover import Discoverer, DocNames
from loaders.gazetteer import Gazetteer
from loaders.mentions import Mention, MentionFinder, fold
from loaders.reader import Document
from loaders.resolve import Memory, Ref, Resolver

if TYPE_CHECKING:
    from loaders.pipeline import ParsedBlock


@dataclass
class ProseFacts:
    """What the prose of one document gives."""

    nodes: list[Node] = field(default_factory=list)  # new nodes (discovered actors) with their properties
    relations: list[Relation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # extra mentions found here (resolved pronouns, demonyms...)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# The lexicon
# ---------------------------------------------------------------------------

PREPOSITIONS = {
    "of", "in", "from", "to", "with", "for", "against", "by", "on", "at", "into", "over", "towards", "toward",
    "between", "among", "about", "under", "within", "without", "through", "across", "during", "since", "than",
    "like", "upon", "onto", "behind", "beyond", "despite", "via", "per", "amid", "amidst", "midst", "around",
    "near", "alongside", "including", "except", "concerning", "regarding", "unlike", "after", "before",
}
DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "both", "all", "some",
    "several", "other", "each", "every", "any", "such", "one", "two", "three", "many", "most", "few",
}
NAMING = [("among", "them"), ("among", "whom"), ("including",), ("notably",), ("namely",), ("such", "as"), ("especially",)]
AUXILIARIES = {"had", "has", "have", "did", "does", "do", "would", "could", "should", "will", "may", "might", "must", "can", "shall"}
SUBORDINATORS = {"that", "when", "because", "although", "though", "while", "whilst", "if", "unless", "whereas", "since", "as", "whether", "until", "once"}
CLAUSE_OPENERS = {"but", "while", "whilst", "although", "though", "because", "whereas", "when", "where", "yet", "unless", "if", "that", "since"}
RELATIVES = {"who", "which", "whom", "that", "whose"}
PUNCT_BOUNDARY = {",", ";", ":", "\u2014", "\u2013", "(", ")", "[", "]", "--"}
QUOTES = {"'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "`", "\u00ab", "\u00bb"}
PRONOUNS = {
    "he": ("m", "subj"), "him": ("m", "obj"), "his": ("m", "poss"), "himself": ("m", "refl"),
    "she": ("m", "subj"), "her": ("m", "poss"), "hers": ("m", "poss"), "herself": ("m", "refl"),
    "they": ("p", "subj"), "them": ("p", "obj"), "their": ("p", "poss"), "themselves": ("p", "refl"),
}
ADVERB_OK = {"also", "then", "later", "subsequently", "soon", "now", "still", "even", "only", "already", "again", "ultimately", "eventually", "finally", "just", "once", "first", "quickly", "openly", "publicly", "secretly", "actually", "duly", "immediately"}
_YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)$")
RECURRING = {"meeting", "conference", "congress", "plenum", "session", "summit", "consultation"}


@dataclass(frozen=True)
class Phrase:
    """One form of one lexicon entry."""

    type: str
    kind: str  # verb | noun | phrase
    polarity: int | None
    object: str  # direct | embedded | between | possessor | noun (after the noun's preposition)
    passive_agent: tuple[str, ...]
    implicit_object: str | None
    participle: bool  # a past participle form (may be passive)
    gerund: bool
    object_labels: tuple[str, ...] = ()  # only objects of these labels ("left the Warsaw Pact", not "left Moscow")
    complement: tuple[str, ...] = ()  # one of these must follow the object ("called them revisionists")


def _inflect(base: str, irregular: dict[str, list[str]]) -> list[tuple[str, bool, bool]]:
    """Forms of a verb: (form, is a past participle, is an -ing form)."""
    out: list[tuple[str, bool, bool]] = [(base, False, False)]
    if base in irregular:
        past, part = irregular[base][0], irregular[base][-1]
        out += [(past, past == part, False), (part, True, False)]
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.append((base + "es", False, False))
    elif re.search(r"[^aeiou]y$", base):
        out.append((base[:-1] + "ies", False, False))
    else:
        out.append((base + "s", False, False))
    if base not in irregular:
        if base.endswith("e"):
            out.append((base + "d", True, False))
        elif re.search(r"[^aeiou]y$", base):
            out.append((base[:-1] + "ied", True, False))
        else:
            out.append((base + "ed", True, False))
    if base.endswith("ie"):
        out.append((base[:-2] + "ying", False, True))
    elif base.endswith("e") and not base.endswith("ee"):
        out.append((base[:-1] + "ing", False, True))
    else:
        out.append((base + "ing", False, True))
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", base):  # expel -> expelled, split -> splitting (both spellings kept)
        out.append((base + base[-1] + "ed", True, False))
        out.append((base + base[-1] + "ing", False, True))
    return out


class Lexicon:
    """loaders/lexicon.yaml, checked and compiled for matching."""

    def __init__(self, data: dict, path: str = "loaders/lexicon.yaml"):
        try:
            self.types: dict[str, dict] = data["types"]
            self.entries: list[dict] = data["relations"]
        except (KeyError, TypeError):
            raise InputError("a lexicon needs 'types' and 'relations'", path) from None
        for e in self.entries:
            if e.get("type") not in self.types:
                raise InputError(f"lexicon entry of unknown type {e.get('type')!r}", path)
        self.irregular: dict[str, list[str]] = data.get("irregular") or {}
        self.negations = [tuple(fold(w).lower().split()) for w in data.get("negations", [])]
        self.negation_exceptions = [tuple(fold(w).lower().split()) for w in data.get("negation_exceptions", [])]
        self.hedges = [tuple(fold(w).lower().split()) for w in data.get("hedges", [])]
        self.attempts = [tuple(fold(w).lower().split()) for w in data.get("attempts", [])]
        self.light_verbs = self._all_forms(data.get("light_verbs", []))
        self.receive_verbs = self._all_forms(data.get("receive_verbs", []))
        self.be_verbs = {fold(w).lower() for w in data.get("be_verbs", [])}
        self.compounds: dict[str, str] = {}
        for rtype, heads in (data.get("compounds") or {}).items():
            for h in heads:
                self.compounds.setdefault(h.lower(), rtype)
        self.combining_forms = data.get("combining_forms") or {}
        self.roles: dict[str, dict] = data.get("roles") or {}
        self.appointment_words = [tuple(fold(w).lower().split()) for w in data.get("appointment_words", [])]
        self.departure_words = [tuple(fold(w).lower().split()) for w in data.get("departure_words", [])]
        self.appoint_verbs = data.get("appoint_verbs", [])
        self.person_words = data.get("person_words", [])
        self.titles = data.get("titles", [])
        self.agent_heads = {w.lower() for w in data.get("agent_heads", [])}
        self.party_heads = {w.lower() for w in data.get("party_heads", [])}
        self.delegation_heads = {w.lower() for w in data.get("delegation_heads", [])}
        self.event_heads = data.get("event_heads", [])
        self.document_heads = data.get("document_heads", [])
        self.organization_heads = data.get("organization_heads", [])
        self.party_name_words = data.get("party_name_words", [])
        self.not_forms = {w.lower() for w in data.get("not_forms", [])}
        self.verb_forms: set[str] = set()
        for e in self.entries:
            for v in e.get("verbs", []) or []:
                first = v.split()[0]
                self.verb_forms |= {f for f, _, _ in _inflect(first, self.irregular)}
        for forms in self.irregular.values():
            self.verb_forms |= set(forms)
        self.participles = {v[-1] for v in self.irregular.values()}

    def _all_forms(self, bases: Iterable[str]) -> set[str]:
        out = set()
        for b in bases:
            words = b.split()
            out |= {" ".join([f, *words[1:]]) for f, _, _ in _inflect(words[0], self.irregular)}
        return out

    def phrases(self) -> Iterable[tuple[str, Phrase]]:
        """Every surface form of every entry, with what it means."""
        for e in self.entries:
            rtype = e["type"]
            pol = e.get("polarity")
            obj = e.get("object", "direct")
            agent = tuple(e.get("passive_agent") or ["by"])
            implicit = e.get("implicit_object")
            labels = tuple(e.get("object_labels") or ())
            comp = tuple(fold(w).lower() for w in e.get("complement") or ())
            for v in e.get("verbs", []) or []:
                words = v.split()
                for form, part, ger in _inflect(words[0], self.irregular):
                    yield " ".join([form, *words[1:]]), Phrase(rtype, "verb", pol, obj, agent, implicit, part, ger, labels, comp)
            for nphrase in e.get("nouns", []) or []:
                mode = obj if obj in ("embedded", "between", "possessor") else "noun"
                yield nphrase, Phrase(rtype, "noun", pol, mode, agent, implicit, False, False, labels, comp)
            for p in e.get("phrases", []) or []:
                first = p.split()[0]
                yield p, Phrase(rtype, "phrase", pol, obj, agent, implicit, first.endswith("ed") or first in self.participles, first.endswith("ing"), labels, comp)


def load_lexicon(path: str | None = None) -> Lexicon:
    if path is None:
        text = resources.files("loaders").joinpath("lexicon.yaml").read_text(encoding="utf-8")
        path = "loaders/lexicon.yaml"
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML ({exc})", path) from None
    return Lexicon(data, path)


# ---------------------------------------------------------------------------
# Per-document state
# ---------------------------------------------------------------------------


@dataclass
class Sentence:
    """One sentence of a block, with what the extractor learned about it."""

    start: int  # token offsets in the block doc
    end: int
    char_start: int  # absolute offsets in the document
    char_end: int
    dates: list[tuple[int, int, DateMention]]  # token span + date
    year: int | None = None  # the narrative's year at this sentence
    refs: list[Ref] = field(default_factory=list)
    inner: list[tuple[int, int, str, str]] = field(default_factory=list)  # party names inside longer names
    subjects: list[list[Ref]] = field(default_factory=list)  # subject groups found in it (for pronouns)


@dataclass
class DocState:
    doc: Document
    discovered: dict[str, Node]
    names: DocNames
    memory: Memory = field(default_factory=Memory)
    order: int = 0
    prev: Sentence | None = None
    recent_events: list[str] = field(default_factory=list)
    departures: list[tuple[int, str]] = field(default_factory=list)  # (sentence number, person)
    sentence_no: int = 0
    party_named: set[str] = field(default_factory=set)
    local: list[str] = field(default_factory=list)  # ids named earlier in the paragraph being read
    year_fix: tuple[int, int] | None = None  # (narrative year, the year a named event gave instead), until the next anchor


# ---------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------


class RelationExtractor:
    """Built once per load, like the mention finder."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon | None = None):
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.lex = lexicon or load_lexicon()
        self.resolver = Resolver(nlp, gazetteer, self.lex)
        self.discoverer = Discoverer(gazetteer, self.lex, self.resolver)
        self.finder = MentionFinder(nlp, gazetteer)
        # Fixed phrases go to a PhraseMatcher (a trie: linear in the text, whatever the lexicon's size);
        # the few with a name slot ("order <name> forces to") to a token Matcher; "sided openly with"
        # (an adverb inside a phrase) is found by `_triggers` from the phrases' first words.
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.matcher = Matcher(nlp.vocab)
        self.phrase_of: dict[str, list[Phrase]] = {}
        self._split: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (rest, key)
        seen: dict[tuple[str, ...], str] = {}
        with nlp.select_pipes(enable=["bloc_fold"]):
            for text, phrase in self.lex.phrases():
                if text.split()[0] in self.lex.not_forms:
                    continue
                tokens = tuple(t.lemma_ for t in nlp(fold(text).replace("<name>", "NAMESLOT")))
                key = seen.get(tokens)
                if key is None:
                    key = f"rel{len(seen)}"
                    seen[tokens] = key
                    self.phrase_of[key] = []
                    if "nameslot" in tokens:
                        slot = [{"LEMMA": {"IN": ["its", "their", "his", "the"]}, "OP": "?"}, {"IS_TITLE": True, "OP": "{0,2}"}]
                        pattern = []
                        for w in tokens:
                            pattern += slot if w == "nameslot" else [{"LEMMA": w}]
                        self.matcher.add(key, [pattern])
                    else:
                        self.phrase_matcher.add(key, [nlp(" ".join(tokens))])
                        if phrase.kind == "verb" and len(tokens) > 1:
                            self._split.setdefault(tokens[0], []).append((tokens[1:], key))
                if phrase not in self.phrase_of[key]:
                    self.phrase_of[key].append(phrase)
            self.roles = PhraseMatcher(nlp.vocab, attr="LEMMA")
            self.role_of: dict[str, tuple[str, str]] = {}
            for canonical, spec in self.lex.roles.items():
                for form in spec["forms"]:
                    key = f"role{len(self.role_of)}"
                    self.role_of[key] = (canonical, spec.get("scope", "any"))
                    self.roles.add(key, [nlp(fold(form).lower())])
        self.role_words = {f.split()[-1] for spec in self.lex.roles.values() for f in spec["forms"]}
        self._person_words = {x.lower() for x in self.lex.person_words}
        self._past_forms = {v[0] for v in self.lex.irregular.values()}
        self._title_words = {fold(w).lower().rstrip(".") for t in self.lex.titles for w in t.split()}
        self._stop_first: dict[str, list[tuple[str, ...]]] = {}
        for w in self.lex.negations + self.lex.hedges:
            self._stop_first.setdefault(w[0], []).append(w)
        self._exceptions_first: dict[str, list[tuple[str, ...]]] = {}
        for w in self.lex.negation_exceptions:
            self._exceptions_first.setdefault(w[0], []).append(w)
        self._attempts_first: dict[str, list[tuple[str, ...]]] = {}
        for w in self.lex.attempts:
            self._attempts_first.setdefault(w[0], []).append(w)
        self._date_tokens: set[int] = set()
        self.appointment = self.lex.appointment_words
        self.departure = self.lex.departure_words
        self._appointment_first: dict[str, list[tuple[str, ...]]] = {}
        for w in self.appointment:
            self._appointment_first.setdefault(w[0], []).append(w)
        self._departure_first: dict[str, list[tuple[str, ...]]] = {}
        for w in self.departure:
            self._departure_first.setdefault(w[0], []).append(w)
        self._appoint_verbs = {fold(w).lower() for w in self.lex.appoint_verbs}
        self.event_heads = {w.lower() for w in self.lex.event_heads}
        self.document_heads = {w.lower() for w in self.lex.document_heads}

    # -- entry point ----------------------------------------------------------------

    def extract(self, doc: Document, parsed: list["ParsedBlock"], discovered: dict[str, Node]) -> ProseFacts:
        out = ProseFacts()
        state = DocState(doc, discovered, DocNames())
        for node in list(discovered.values()):  # names the lists found are known in the prose too
            toks = tuple(t.norm_ for t in self.nlp.make_doc(node.name))
            if node.label == "Person":
                state.names.add_person(tuple(fold(t) for t in toks), node.id)
            else:
                state.names.add(tuple(fold(t) for t in toks), node.id)
        ctx = DateContext()
        blocks = []
        # Pass 1: gazetteer names, dates and new names, block by block.
        for p in parsed:
            gaz = self._gazetteer_spans(p.doc)
            sentences = []
            years = []
            for sent in p.doc.sents:
                found = find_dates(sent.text, ctx)
                dates = []
                for d in found:
                    span = sent.char_span(d.start, d.end, alignment_mode="expand")
                    if span is not None:
                        dates.append((span.start, span.end, d))
                sentences.append(Sentence(sent.start, sent.end, p.offset + sent.start_char, p.offset + sent.end_char, dates, year=ctx.year))
                years.append((sent.start, sent.end, dates[0][2].year if dates else ctx.year))
            gaz = self._other_years(p.doc, gaz, sentences, state)
            known = [(a, b, i) for a, b, i, kind in gaz if kind != "inner"]
            phrases = [(a, b) for a, b, _ in self._triggers(p.doc)]
            self.discoverer.find(p.doc, known, years, state.names, discovered, phrases)
            blocks.append((p, gaz, sentences))
        # Pass 2: references, relations. A heading names things but states no relation.
        for p, gaz, sentences in blocks:
            if p.block.kind == "heading":
                state.prev = None
                self._refs(p.doc, gaz, state, sentences)
                continue
            refs = self._refs(p.doc, gaz, state, sentences)
            matches = self._triggers(p.doc)
            for s in sentences:
                s.refs = [r for r in refs if s.start <= r.start < s.end]
                s.inner = [g for g in gaz if g[3] == "inner" and s.start <= g[0] < s.end]
                self._carry_event_year(p.doc, s, state)
                self._sentence(p, s, [m for m in matches if s.start <= m[0] < s.end], state, out)
                state.prev = s
                state.sentence_no += 1
        out.nodes = [discovered[k] for k in sorted(discovered)]
        for r in out.relations:
            for end in (r.source, r.target):
                if end not in self.gazetteer and end not in discovered:
                    out.warnings.append(f"{doc.path}: {r.type} names unknown node {end!r}")
        out.relations = [r for r in out.relations if (r.source in self.gazetteer or r.source in discovered) and (r.target in self.gazetteer or r.target in discovered)]
        return out

    # -- references -------------------------------------------------------------------

    def _gazetteer_spans(self, pdoc: Doc) -> list[tuple[int, int, str, Span]]:
        """Gazetteer names, longest first; an event name that states a relation is read as its parts."""
        raw = self.finder.exact(pdoc, as_spans=True) + self.finder.caseless(pdoc, as_spans=True)
        chosen = filter_spans(raw)
        out = []
        trig = None
        for span in chosen:
            label = self.gazetteer[span.label_].node.label
            if label in ("Event", "Document") and len(span) >= 2:
                if trig is None:
                    trig = [(a, b) for a, b, _ in self._triggers(pdoc)]
                inner_trigger = any(span.start <= a and b < span.end for a, b in trig)
                inner_compound = any(pdoc[k].text in ("-", "\u2013") for k in range(span.start, span.end)) and any(pdoc[k].lemma_ in self.lex.compounds for k in range(span.start, span.end))
                if inner_trigger or inner_compound:
                    inner = filter_spans([
                        s for s in raw
                        if span.start <= s.start and s.end <= span.end and (s.start, s.end) != (span.start, span.end)
                        and not (self.gazetteer[s.label_].node.label in ("Event", "Document") and any(s.start <= a and b < s.end for a, b in trig))
                    ])
                    out.extend((s.start, s.end, s.label_, "ref") for s in inner)
                    out.append((span.start, span.end, span.label_, "whole"))  # the event itself stays a mention
                    continue
            out.append((span.start, span.end, span.label_, "ref"))
            if label != "Party":
                # a party named inside a longer name ("the 20th Congress of the Communist Party of the Soviet Union")
                for s in filter_spans([s for s in raw if span.start <= s.start and s.end <= span.end and (s.start, s.end) != (span.start, span.end)]):
                    if self.gazetteer[s.label_].node.label == "Party":
                        out.append((s.start, s.end, s.label_, "inner"))
        return out

    def _other_years(self, pdoc: Doc, gaz, sentences: list[Sentence], state: DocState):
        """A gazetteer event named for another year is another event.

        'The Bucharest Conference of 1970' is not the one of 1960, and 'the Moscow
        meeting' in a text about 1960 is not the one of 1957: where the name's own
        year (in it, or right after it: 'of 1970', 'in June 1970') or, for events
        that recur (meetings, conferences, congresses), the narrative's year differs
        from the event's, the name goes to the gazetteer's event of that year with
        the same name words, else to a new, discovered event of that year.
        """
        out = []
        for a, b, node_id, kind in gaz:
            node = self.gazetteer[node_id].node
            if kind != "ref" or node.label != "Event" or not node.start:
                out.append((a, b, node_id, kind))
                continue
            year = self._year_of_name(pdoc, a, b, sentences)
            first, last = int(node.start[:4]), int((node.end or node.start)[:4])
            text = pdoc[a:b].text
            explicit = year is not None
            if year is None and (node.kind or "") in RECURRING:
                year = next((x.year for x in sentences if x.start <= a < x.end), None)
            if year is None or first <= year <= last:
                out.append((a, b, node_id, kind))
                continue
            other = self.resolver.same_event_other_year(node_id, year, text)
            if other is None and not explicit:
                out.append((a, b, node_id, kind))  # the narrative's year alone makes no new event
                continue
            if other is None:
                other = f"{slugify(text)}-{year}"
                if other not in self.gazetteer:
                    state.discovered.setdefault(other, Node(id=other, label="Event", name=text, kind=node.kind, start=str(year), place=node.place, discovered=True))
                    state.names.add(tuple(pdoc[k].norm_ for k in range(a, b)), other)
            out.append((a, b, other, "discovered"))
        return out

    def _year_of_name(self, pdoc: Doc, a: int, b: int, sentences: list[Sentence]) -> int | None:
        """A year in a name or right after it: 'the 1970 Bucharest Conference', '... of 1970', '... in June 1970'."""
        for k in range(max(0, a - 1), b):
            if _YEAR.match(pdoc[k].text):
                return int(pdoc[k].text)
        for x in sentences:
            for da, db, d in x.dates:
                if b <= da <= b + 4 and all(pdoc[k].lemma_ in ("of", "in", "held", "on", "during", "the", "late", "early", "mid") or pdoc[k].text[:1].isupper() for k in range(b, da)):
                    return d.year
        return None

    def _refs(self, pdoc: Doc, gaz, state: DocState, sentences) -> list[Ref]:
        n = len(pdoc)
        taken = [False] * n
        refs: list[Ref] = []
        lab = self.gazetteer
        for a, b, node_id, kind in gaz:
            if kind == "discovered":
                refs.append(Ref(a, b, node_id, "discovered", "name", text=pdoc[a:b].text))
                for k in range(a, b):
                    taken[k] = True
                continue
            if kind != "ref":
                continue
            how = "name" if fold(pdoc[a:b].text) == fold(lab[node_id].node.name) else "alias"
            refs.append(Ref(a, b, node_id, how, "name", text=pdoc[a:b].text))
            for k in range(a, b):
                taken[k] = True
        event_words = {w for w in self.event_heads}
        for a, b, node_id in state.names.match(pdoc, taken):
            refs.append(Ref(a, b, node_id, "discovered", "name", text=pdoc[a:b].text))
            for k in range(a, b):
                taken[k] = True
        # demonyms, capitals, combining forms
        for key, a, b in self.resolver.forms(pdoc):
            if any(taken[a:b]):
                continue
            kind = self.nlp.vocab.strings[key]
            state.local = [r.id for r in sorted(refs, key=lambda r: -r.start) if r.start < a and r.id]
            ref = self._demonym_ref(pdoc, a, b, kind, state)
            if ref is not None:
                refs.append(ref)
                for k in range(a, b):
                    taken[k] = True
        # pronouns
        for i, tok in enumerate(pdoc):
            low = tok.lemma_
            if not taken[i] and low in PRONOUNS and not (i > 0 and pdoc[i - 1].lemma_ == "among"):
                gender, case = PRONOUNS[low]
                refs.append(Ref(i, i + 1, None, "pronoun", "pronoun", possessive=(case == "poss"), plural=(gender == "p"), text=tok.text, head=case))
                taken[i] = True
        # descriptions of events and documents, role nouns, "the party": read in order, so that
        # "the conference" can mean the conference named earlier in the same paragraph
        named = sorted((r for r in refs if r.form != "pronoun"), key=lambda r: r.start)
        noted = 0
        for i, tok in enumerate(pdoc):
            while noted < len(named) and named[noted].start < i:
                self._note_mentions(state, [named[noted]])
                noted += 1
            if taken[i]:
                continue
            low = tok.lemma_
            if low in event_words or low in self.document_heads:
                ref = self._description(pdoc, i, taken, state, sentences)
                if ref is not None:
                    refs.append(ref)
                    self._note_mentions(state, [ref])
                    for k in range(ref.start, ref.end):
                        taken[k] = True
            elif low in ("party",) and i > 0 and pdoc[i - 1].lemma_ == "the" and (i + 1 >= n or not pdoc[i + 1].is_alpha or pdoc[i + 1].text in ("'s", "\u2019s") or (pdoc[i + 1].lemma_ in PREPOSITIONS and pdoc[i + 1].lemma_ != "of") or self._verb_like(pdoc[i + 1].lemma_) or pdoc[i + 1].lemma_ == "itself"):
                party = self._recent(state, "Party")
                if party:
                    poss = i + 1 < n and pdoc[i + 1].text in ("'s", "\u2019s")
                    refs.append(Ref(i - 1, i + 1, party, "anaphor", "name", possessive=poss, text="the party"))
                    taken[i] = True
        for sp in self._role_spans(pdoc):
            a, b = sp.start, sp.end
            if any(taken[a:b]) or b < n and (pdoc[b].lemma_ == "of" or pdoc[b].text[:1].isupper() or pdoc[b].text == ","):
                continue
            j = a - 1
            while j >= 0 and pdoc[j].is_alpha and pdoc[j].is_lower and pdoc[j].lemma_ not in DETERMINERS and not self._verb_like(pdoc[j].lemma_) and pdoc[j].lemma_ not in PREPOSITIONS and a - j <= 3:
                j -= 1
            if j < 0 or pdoc[j].lemma_ != "the" or (j > 0 and pdoc[j - 1].lemma_ in ("as", "became", "become", "of")):
                continue
            canonical, scope = self.role_of[self.nlp.vocab.strings[sp.label]]
            if scope == "organization":
                continue
            refs.append(Ref(j, b, None, "role", "role", role=canonical, text=pdoc[j:b].text))
            for k in range(j, b):
                taken[k] = True
        descs = [r for r in refs if r.form == "description"]
        if descs:
            refs = [r for r in refs if r.form == "description" or not any(d.start <= r.start and r.end <= d.end for d in descs)]
        state.local = []
        refs.sort(key=lambda r: r.start)
        self._possessives(pdoc, refs)
        self._note_mentions(state, [r for r in named[noted:]] + [r for r in refs if r.form == "role"])
        return refs

    def _possessives(self, pdoc: Doc, refs: list[Ref]) -> None:
        n = len(pdoc)
        for r in refs:
            if r.end < n and pdoc[r.end].text in ("'s", "\u2019s", "'", "\u2019") and r.form != "pronoun":
                if pdoc[r.end].text in ("'", "\u2019") and not pdoc[r.end - 1].text.endswith("s"):
                    continue
                r.possessive = True
                r.head = self._head_after(pdoc, r.end + 1)
            elif r.possessive and r.form == "pronoun":
                r.head = self._head_after(pdoc, r.end)

    def _head_after(self, pdoc: Doc, i: int) -> str | None:
        """The noun a modifier qualifies: the last of up to three lower-case words after it."""
        words = []
        for k in range(i, min(i + 4, len(pdoc))):
            w = pdoc[k].lemma_
            if not pdoc[k].text.isalpha() or w in PREPOSITIONS or w in DETERMINERS or w in CLAUSE_OPENERS or w in ("and", "or"):
                break
            if pdoc[k].text[:1].isupper() and k > i:
                break
            words.append(w)
            if w in self.lex.agent_heads or w in self.lex.delegation_heads or w in self.role_words:
                break
        return words[-1] if words else None

    def _demonym_ref(self, pdoc: Doc, a: int, b: int, kind: str, state: DocState) -> Ref | None:
        n = len(pdoc)
        text = pdoc[a:b].text
        st = self.resolver.state_of(text)
        if st is None:
            return None
        prev = pdoc[a - 1].text if a > 0 else ""
        if kind == "combining":
            # only before a hyphen: "Sino-Soviet"
            if not (b < n and pdoc[b].text in ("-", "\u2013") and pdoc[b - 1].whitespace_ == ""):
                return None
            return Ref(a, b, st, "demonym", "adj", text=text)
        # "Latin American": part of a larger proper adjective
        if a > 0 and prev[:1].isupper() and prev.isalpha() and not pdoc[a - 1].is_sent_start and self.resolver.state_of(prev) is None and prev not in ("The",):
            if kind == "demonym":
                return None
        if kind == "metonym":
            return Ref(a, b, st, "metonym", "name", text=text)
        # the words after a demonym tell what it names
        nxt = pdoc[b].text if b < n else ""
        words = []
        k = b
        while k < n and len(words) < 3:
            w = pdoc[k].lemma_
            if not pdoc[k].text.isalpha() or w in PREPOSITIONS or w in DETERMINERS or w in ("and", "or") or pdoc[k].text[:1].isupper():
                break
            if self._verb_like(w) and w not in self.lex.agent_heads and not (len(words) == 0 and w.endswith("ed") and k + 1 < n and pdoc[k + 1].is_alpha and pdoc[k + 1].is_lower and not self._verb_like(pdoc[k + 1].lemma_) and pdoc[k + 1].lemma_ not in PREPOSITIONS and pdoc[k + 1].lemma_ not in DETERMINERS):
                break  # "the Chinese backed ...": the demonym is the people (but "Soviet-installed minister" qualifies)
            words.append(w)
            k += 1
        plural_form = fold(text).lower() in {f.lower() for f in self.resolver.plural_forms} or fold(text) in self.resolver.plural_forms
        if nxt[:1].isupper() and nxt.isalpha():
            if nxt in ("Party", "Communists", "Communist"):
                party = self._party_of(st, state)
                return Ref(a, b, party or st, "demonym", "collective", via="party", text=text) if party else None
            return None  # part of another name ("Soviet Presidium")
        if words:
            head = None
            for idx, w in enumerate(words):
                end = b + idx + 1  # the phrase includes its head: "the Yugoslav party", "Soviet tanks"
                if w in self.lex.party_heads or (w == "communist" and len(words) > idx + 1 and words[idx + 1] in self.lex.party_heads | {"leadership"}):
                    party = self._party_of(st, state)
                    if party is None:
                        return None
                    if w == "communist":
                        end += 1
                    return Ref(a, end, party, "demonym", "collective", via="party", head=w, plural=w.endswith("s"), text=text)
                if w in self.lex.delegation_heads:
                    party = self._party_of(st, state)
                    return Ref(a, end, party or st, "demonym", "collective", via="delegation", head=w, plural=w.endswith("s"), text=text)
                if w in self.lex.agent_heads or w in self._person_words:
                    if end < n and pdoc[end].text[:1].isupper() and pdoc[end].is_alpha:
                        return Ref(a, b, st, "demonym", "adj", head=w, via="leader", text=text)  # titles the names after it
                    if w in self.lex.agent_heads:
                        return Ref(a, end, st, "demonym", "collective", head=w, plural=True, text=text)
                if w in self.role_words and not w.endswith("s"):
                    # "the Soviet leader" (a person) unless a name follows, which the role pattern reads
                    after = b + len(words[: words.index(w) + 1])
                    if after < n and pdoc[after].text[:1].isupper():
                        return Ref(a, b, st, "demonym", "adj", head=w, via="leader", text=text)
                    return Ref(a, b + idx + 1, None, "role", "role", role=self._canonical_role(w), state=st, head=w, text=text)
                head = head or w
            if plural_form:
                return Ref(a, b, st, "demonym", "collective", plural=True, text=text)
            return Ref(a, b, st, "demonym", "adj", head=words[0], text=text)
        if plural_form or (prev.lower() == "the"):
            return Ref(a, b, st, "demonym", "collective", plural=True, text=text)
        return Ref(a, b, st, "demonym", "adj", text=text)

    def _canonical_role(self, word: str) -> str | None:
        for canonical, spec in self.lex.roles.items():
            if word in [f.split()[-1] for f in spec["forms"]]:
                return canonical
        return None

    def _description(self, pdoc: Doc, i: int, taken, state: DocState, sentences) -> Ref | None:
        """'the 1957 meeting', 'the broader international meeting', 'the documents of the meeting'."""
        head = pdoc[i].lemma_
        kind = "Event" if head in self.event_heads else "Document"
        j = i - 1
        words: set[str] = set()
        year = None
        place = None
        det = None
        while j >= 0 and i - j <= 5:
            t = pdoc[j]
            w = t.lemma_
            if taken[j]:
                st = self.resolver.state_of(t.text)
                if st:
                    place = st
                    j -= 1
                    continue
                break
            if w in ("the", "this", "that", "its", "their", "a", "an", "his", "these", "those"):
                det = w
                break
            if _YEAR.match(t.text):
                year = int(t.text)
            elif t.text.isalpha() and t.text.islower():
                words.add(w)
            elif t.text in QUOTES or t.text in ("-", "\u2013") or t.text[:1].isdigit():
                pass
            else:
                st = self.resolver.state_of(t.text)
                if st:
                    place = st
                else:
                    break
            j -= 1
        if det is None:
            return None
        if det in ("a", "an") and year is None:
            return None
        start = j
        end = i + 1
        of_event = None
        if end + 2 < len(pdoc) and pdoc[end].lemma_ == "of" and pdoc[end + 1].lemma_ == "the" and pdoc[end + 2].lemma_ in self.event_heads:
            inner = self._description(pdoc, end + 2, taken, state, sentences)
            if inner and inner.id:
                of_event = inner.id
        adjectives = {w for w in words if w in self._name_words(kind)}
        plural = head.endswith("s") and head not in ("talks", "negotiations", "celebrations", "accords", "theses")
        ids = self.resolver.describe(head, kind, adjectives, year, place, plural, self._context_year(sentences, i), state.memory, state.discovered, of_event)
        if not ids:
            return None
        return Ref(start, end, ids[0], "description", "description", ids=ids if len(ids) > 1 else (), plural=len(ids) > 1, text=pdoc[start:end].text)

    def _name_words(self, kind: str) -> set[str]:
        cache = getattr(self, "_nw", None)
        if cache is None:
            cache = {}
            for k in ("Event", "Document"):
                ws = set()
                for e in self.gazetteer.by_label(k):
                    for f in (e.node.name, *e.node.aliases):
                        ws |= set(fold(f).lower().split())
                cache[k] = ws
            self._nw = cache
        return cache[kind]

    def _context_year(self, sentences, i: int) -> int | None:
        for s in sentences:
            if s.start <= i < s.end:
                return s.year
        return None

    def _recent(self, state: DocState, label: str) -> str | None:
        best, order = None, -1
        for node_id, o in state.memory.mentioned.items():
            if o > order and self.resolver.label(node_id, state.discovered) == label:
                best, order = node_id, o
        return best

    def _note_mentions(self, state: DocState, refs: list[Ref]) -> None:
        for r in refs:
            words = set(fold(r.text).lower().split()) if r.form in ("name", "description") else set()
            for i in r.all_ids:
                state.order += 1
                state.memory.mentioned[i] = state.order
                if words:
                    state.memory.called.setdefault(i, set()).update(words)
                if self.resolver.label(i, state.discovered) == "Event":
                    state.recent_events.append(i)

    # -- triggers ---------------------------------------------------------------------

    def _triggers(self, pdoc: Doc) -> list[tuple[int, int, list[Phrase]]]:
        """The lexicon's phrases in a block, longest first where they overlap (computed once per block)."""
        cached = pdoc.user_data.get("bloc_triggers")
        if cached is not None:
            return cached
        strings = self.nlp.vocab.strings
        matches = [(a, b, strings[key]) for key, a, b in self.phrase_matcher(pdoc)]
        matches += [(a, b, strings[key]) for key, a, b in self.matcher(pdoc)]
        n = len(pdoc)
        for i in range(n - 2):
            rests = self._split.get(pdoc[i].lemma_)
            if rests and pdoc[i + 1].is_lower and pdoc[i + 1].text.endswith("ly"):
                for rest, key in rests:
                    j = i + 2
                    if j + len(rest) <= n and all(pdoc[j + x].lemma_ == w for x, w in enumerate(rest)):
                        matches.append((i, j + len(rest), key))
        spans = filter_spans([Span(pdoc, a, b, label=key) for a, b, key in matches])
        out = [(sp.start, sp.end, self.phrase_of[sp.label_]) for sp in spans]
        pdoc.user_data["bloc_triggers"] = out
        return out

    # -- one sentence -------------------------------------------------------------------

    def _sentence(self, p: "ParsedBlock", s: Sentence, triggers, state: DocState, out: ProseFacts) -> None:
        pdoc = p.doc
        self._date_tokens = {k for a, b, _ in s.dates for k in range(a, b)}
        self._resolve_pronouns(pdoc, s, state)
        refs = [r for r in s.refs if r.all_ids]
        quote = state.doc.text[s.char_start : s.char_end]
        ev = Evidence(state.doc.id, s.char_start, s.char_end, quote, "pattern", p.block.section)
        seg = self._segments(pdoc, s)
        emitted: list[Relation] = []

        def emit(rtype: str, src: str, tgt: str, polarity=None, role=None, date=None, start=None, method="pattern", dry=False) -> bool:
            if not src or not tgt or src == tgt:
                return False
            spec = self.lex.types[rtype]
            a = self.resolver.coerce(src, spec["from"], state.discovered, state.memory)
            b = self.resolver.coerce(tgt, spec["to"], state.discovered, state.memory)
            if a is None or b is None or a == b:
                return False
            if dry:
                return True
            if rtype in INTERACTION:
                polarity = INTERACTION[rtype] if polarity is None else polarity
            else:
                polarity = None
            e = ev if method == "pattern" else Evidence(ev.source, ev.start_char, ev.end_char, ev.quote, method, ev.section)
            d_date, d_start, d_end = None, None, None
            if date is not None:
                if date.is_span:
                    d_start, d_end = date.first, date.last
                else:
                    d_date = date.first
            if start is not None:
                d_date, d_start, d_end = None, start.first, None
            rel = Relation(rtype, a, b, (e,), polarity=polarity, role=role, date=d_date, start=d_start, end=d_end)
            emitted.append(rel)
            if rtype == "LEADER_OF":
                state.memory.add_leader(a, b, role)
                if self.resolver.label(b, state.discovered) == "Party":
                    state.memory.affiliation.setdefault(a, b)
            if rtype == "MEMBER_OF" and self.resolver.label(b, state.discovered) == "Party":
                state.memory.affiliation.setdefault(a, b)
            return True

        inside = set()
        for r in s.refs:
            inside |= set(range(r.start, r.end))
        triggers = [t for t in triggers if t[0] not in inside]
        pending = []
        for t0, t1, phrases in triggers:
            pending += self._relation(pdoc, s, seg, t0, t1, phrases, state, emit)
        # a date belongs to the nearest phrase that states something (see _date_for)
        self._sentence_triggers = sorted({p[0] for p in pending})
        for t0, rtype, a, b, pol in pending:
            emit(rtype, a, b, polarity=pol, date=self._date_for(pdoc, s, seg, t0))
        self._roles(pdoc, s, seg, state, emit)
        self._compounds(pdoc, s, state, emit)
        self._party_names(pdoc, s, state, emit)
        self._departures(pdoc, s, seg, triggers, state)
        out.relations.extend(emitted)
        for r in s.refs:
            if r.how in ("pronoun", "demonym", "metonym", "role", "description", "anaphor", "discovered") and r.id:
                a, b = p.offset + pdoc[r.start].idx, p.offset + pdoc[r.end - 1].idx + len(pdoc[r.end - 1].text)
                for i in r.all_ids:
                    out.mentions.append(Mention(a, b, i, state.doc.text[a:b], r.how if r.how in ("pronoun", "demonym", "metonym", "role", "discovered") else "alias"))
        # subjects of this sentence, for the next one's pronouns
        s.subjects = []
        for r in refs:
            if self._subject_like(pdoc, r, s):
                s.subjects.append(self._coordinated(pdoc, r, refs))

    # -- segments and subjects ------------------------------------------------------------

    def _segments(self, pdoc: Doc, s: Sentence) -> list[int]:
        """seg[i - s.start] = index of the comma/clause segment of token i (date spans kept whole)."""
        inside_date = set()
        for a, b, _ in s.dates:
            inside_date |= set(range(a, b))
        out = []
        k = 0
        for i in range(s.start, s.end):
            t = pdoc[i].text
            low = pdoc[i].lemma_
            opener = low in CLAUSE_OPENERS and i > s.start and not (low == "that" and pdoc[i - 1].is_alpha and not self._verb_like(pdoc[i - 1].lemma_)) and (i + 1) not in inside_date
            if i not in inside_date and (t in PUNCT_BOUNDARY or opener):
                if t in ("\u2014", "--") and any(pdoc[x].text == t for x in range(max(s.start, i - 4), i)) or t in ("\u2014", "--") and any(pdoc[x].text == t for x in range(i + 1, min(s.end, i + 5))):
                    out.append(k)  # a short aside between dashes: "Khrushchev—just—managed"
                    continue
                k += 1
            out.append(k)
        return out

    def _seg(self, seg: list[int], s: Sentence, i: int) -> int:
        return seg[min(max(i, s.start), s.end - 1) - s.start]

    def _prev_word(self, pdoc: Doc, i: int, floor: int) -> tuple[int, str]:
        """The word before position i, skipping determiners, quotes and person descriptors."""
        k = i - 1
        while k >= floor:
            t = pdoc[k]
            w = t.lemma_
            if w in DETERMINERS or t.text in QUOTES or w in ("one-time", "former", "new") or (t.text.isalpha() and t.text.islower() and (w in self.lex.agent_heads or w in self.role_words or w in self._person_words) and k == i - 1) or self.resolver.state_of(t.text):
                k -= 1
                continue
            if t.text in ("'s", "\u2019s") or (t.text[:1].isupper() and w in self._title_words):
                k -= 1
                continue
            return k, w
        return k, ""

    def _finite_like(self, w: str) -> bool:
        """A word that most likely opens a new predicate: an auxiliary or a past tense."""
        return w in self.lex.be_verbs or w in AUXILIARIES or (len(w) > 4 and w.endswith("ed")) or w in self._past_forms

    def _verb_like(self, w: str) -> bool:
        return w in self.lex.verb_forms or w in self.lex.be_verbs or w in self.lex.light_verbs or w in self.lex.receive_verbs or (len(w) > 4 and w.endswith("ed")) or w in ("had", "has", "have", "did", "does", "do")

    def _subject_like(self, pdoc: Doc, r: Ref, s: Sentence, depth: int = 0) -> bool:
        if r.form == "adj" or r.form == "description" and self.resolver.label(r.id, {}) not in (None, "Event"):
            return False
        if r.possessive and not (r.head in self.lex.agent_heads or r.head in self.lex.delegation_heads):
            return False
        if r.form == "pronoun" and r.head in ("obj", "poss"):
            return r.head == "poss" and r.head in self.lex.agent_heads
        k, w = self._prev_word(pdoc, r.start, s.start)
        if w in ("them", "whom") and k > s.start and pdoc[k - 1].lemma_ == "among":
            return False  # "the members of his Politburo, among them Liri Belishova"
        if w in ("and", "or") and depth < 3:
            left = next((x for x in s.refs if x.end == k and x is not r), None)
            if left is not None and not self._subject_like(pdoc, left, s, depth + 1):
                return False  # listed with an object: "among them X and Y"
        if k >= s.start and any(x.start <= k < x.end for x in s.refs if x is not r):
            return True  # right after another name: "at the Moscow meeting Mao was supported"
        if w in ("including", "notably", "especially", "namely") and k > s.start and pdoc[k - 1].text in ("(", ","):
            return True
        if w in PREPOSITIONS:
            return False
        if w and self._verb_like(w) and w not in ("had", "has", "have", "did"):
            return False
        return True

    def _coordinated(self, pdoc: Doc, r: Ref, refs: list[Ref]) -> list[Ref]:
        """r and the refs listed with it: "Moscow and Beijing", "the British, French, and Israelis".

        A list's items are joined by commas and a final 'and' (or 'or'); a comma alone
        does not make a list ("the Poles, Soviet forces ..." is two clauses).
        """
        by_end = {x.end: x for x in refs}
        by_start = {x.start: x for x in refs}

        def joinable(x: Ref) -> bool:
            return x.form in ("name", "collective", "description") or (x.form == "adj" and x.head is None) or (x.form == "pronoun" and x.id is not None)

        if not joinable(r):
            return [r]
        left: list[tuple[Ref, str]] = []
        cur = r
        while True:
            k = cur.start - 1
            if k >= 0 and pdoc[k].lemma_ in ("the", "its", "his", "their") and k - 1 >= 0 and pdoc[k - 1].lemma_ in ("and", "or", ","):
                k -= 1
            if k < 0 or pdoc[k].lemma_ not in ("and", ",", "or"):
                break
            link = pdoc[k].lemma_
            if link in ("and", "or") and k - 1 >= 0 and pdoc[k - 1].text == ",":
                k -= 1
                link = ", and"
            x = by_end.get(k)
            if x is None or not joinable(x):
                break
            left.append((x, link))
            cur = x
        right: list[tuple[Ref, str]] = []
        cur = r
        while True:
            k = cur.end
            if k >= len(pdoc) or pdoc[k].lemma_ not in ("and", ",", "or"):
                break
            link = pdoc[k].lemma_
            k2 = k + 1
            if link == "," and k2 < len(pdoc) and pdoc[k2].lemma_ in ("and", "or"):
                link = ", and"
                k2 += 1
            if k2 < len(pdoc) and pdoc[k2].lemma_ in ("the", "its", "his", "their"):
                k2 += 1
            x = by_start.get(k2)
            if x is None or not joinable(x):
                break
            right.append((x, link))
            cur = x
        # ", and" closes a list of three or more ("A, B, and C"); after a single item it opens a clause
        # ("X led the Chinese delegation, and Deng argued with Suslov")
        if left and left[0][1] == ", and" and not any(link == "," for _, link in left[1:]):
            left = []
        commas = sum(1 for _, link in left if link == ",")
        for i, (_, link) in enumerate(right):
            if link == ", and" and commas == 0:
                right = right[:i]
                break
            if link == ",":
                commas += 1
        # keep the left items only if the chain through r ends in 'and'; the right ones up to the last 'and'
        last_and = max((i for i, (_, link) in enumerate(right) if link in ("and", "or", ", and")), default=-1)
        right = right[: last_and + 1]
        closes = bool(right) or (left and left[0][1] in ("and", "or", ", and"))
        group = [x for x, _ in reversed(left)] if closes else []
        return group + [r] + [x for x, _ in right]

    def _subject(self, pdoc: Doc, s: Sentence, seg: list[int], t: int, refs: list[Ref], gerund: bool = False) -> Ref | None:
        """The subject of the clause of position t."""
        # a relative pronoun right before: its antecedent
        k = t - 1
        while k >= s.start and (pdoc[k].lemma_ in ADVERB_OK or pdoc[k].lemma_ in self.lex.be_verbs or pdoc[k].lemma_ in ("had", "has", "have", "not", "never", "to", "did", "would", "could") or pdoc[k].text in QUOTES or pdoc[k].lemma_ in ("\u2014",) or pdoc[k].text.endswith("ly")):
            k -= 1
        if k >= s.start and pdoc[k].lemma_ in RELATIVES and pdoc[k].lemma_ not in ("whom", "whose"):
            return self._antecedent(pdoc, s, k, refs)
        # infinitive with its own subject: "pushed the Soviets to adopt", "forcing him to resign"
        k = t - 1
        while k >= s.start and pdoc[k].text.endswith("ly"):
            k -= 1
        means = None
        if k >= s.start and pdoc[k].lemma_ == "to":
            for r in refs:
                if r.end == k and not r.possessive and r.form != "adj":
                    if (r.id and self.resolver.label(r.id, {}) in ("Event", "Document")) or (not r.id and r.form == "description"):
                        means = r  # "Hoxha used the conference to denounce Khrushchev": the means, not the actor
                        break
                    return r
        if gerund:
            for r in refs:
                if r.end == t and not r.possessive and r.form != "adj":
                    return r
        here = self._seg(seg, s, t)
        if t - 2 >= s.start and pdoc[t - 1].lemma_ == "to" and pdoc[t - 2].lemma_ in self.lex.be_verbs:
            poss = [r for r in refs if r.end <= t - 2 and r.possessive and r.form != "adj" and self._seg(seg, s, r.start) == here]
            if poss and not any(self._subject_like(pdoc, r, s) for r in refs if poss[-1].end <= r.start < t):
                return poss[-1]
        cands = [r for r in refs if r.end <= t and r is not means and self._subject_like(pdoc, r, s)]
        same = [r for r in cands if self._seg(seg, s, r.start) == here]
        if same:
            return same[-1]
        # a clause of its own that opens with a relative pronoun has no subject further left
        first = next((i for i in range(s.start, t) if self._seg(seg, s, i) == here), t)
        j = first
        while j < t and (pdoc[j].text in PUNCT_BOUNDARY or pdoc[j].text in QUOTES):
            j += 1
        if j < t and pdoc[j].lemma_ in RELATIVES:
            if pdoc[j].lemma_ in ("whom", "whose"):
                return None
            inside = [r for r in refs if j < r.start and r.end <= t and self._subject_like(pdoc, r, s)]
            if inside:
                return inside[-1]
            return self._antecedent(pdoc, s, j, refs)
        if j < t and pdoc[j].lemma_ in SUBORDINATORS:
            return None  # "asking ... that two Soviet writers meet with": the clause has its own subject
        for i in range(j, t):
            if self._verb_like(pdoc[i].lemma_):
                break
            if pdoc[i].lemma_ in ("the", "a", "an", "these", "those", "this", "many", "most", "some", "several", "both"):
                return None  # "..., and the member parties condemned Tito": a subject that names no actor
        for g in range(here - 1, -1, -1):
            if self._aside(pdoc, s, seg, g) and not self._including(pdoc, s, seg, g):
                continue  # a parenthesis, an aside between dashes, a relative clause: not the main clause
            inseg = [r for r in cands if self._seg(seg, s, r.start) == g]
            if inseg:
                return inseg[0]
        if gerund or pdoc[s.start].lemma_.endswith("ing"):
            # "Lending support to Nagy's government, they cautioned Moscow": the subject follows
            for r in refs:
                if r.start > t and self._subject_like(pdoc, r, s) and self._seg(seg, s, r.start) != here:
                    return r
        return None

    def _aside(self, pdoc: Doc, s: Sentence, seg: list[int], g: int) -> bool:
        """Is segment g an aside: opened by a bracket, a dash or a relative pronoun?"""
        first = next((i for i in range(s.start, s.end) if self._seg(seg, s, i) == g), None)
        if first is None:
            return False
        k = first
        while k < s.end and pdoc[k].text in (",",):
            k += 1
        if k < s.end and (pdoc[k].text in ("(", "[", "\u2014", "--") or pdoc[k].lemma_ in ("who", "which", "whom", "whose")):
            return True
        prev = first - 1
        return prev >= s.start and pdoc[prev].text in ("(", "[")

    def _including(self, pdoc: Doc, s: Sentence, seg: list[int], g: int) -> bool:
        """'(including the Communist Party USA)': an aside that names part of the subject."""
        first = next((i for i in range(s.start, s.end) if self._seg(seg, s, i) == g), None)
        k = first
        while k is not None and k < s.end and pdoc[k].text in ("(", ",", "[", "\u2014"):
            k += 1
        return k is not None and k < s.end and pdoc[k].lemma_ in ("including", "notably", "especially", "namely")

    def _antecedent(self, pdoc: Doc, s: Sentence, k: int, refs: list[Ref], any_label: bool = False) -> Ref | None:
        """What the relative pronoun at k stands for: the name right before it ('who' a person or a
        people, 'which' anything but a person)."""
        j = k - 1
        if j >= s.start and pdoc[j].text == ",":
            j -= 1
        rel = pdoc[k].lemma_
        for r in refs:
            if r.end - 1 == j and not r.possessive and r.id:
                person = self.resolver.label(r.id, {}) == "Person" or r.form == "pronoun"
                if rel == "which" and person and not any_label:
                    return None
                if rel in ("who", "whom") and not person and r.form != "collective":
                    return None
                return r
        return None

    def _blocked(self, pdoc: Doc, lo: int, t: int) -> bool:
        """A negation or hedge between lo and t (the start of the phrase).

        Words count in lower case only (or opening the sentence: 'If ...'), never
        inside a date ('in May 1955'); 'not only' and the like are no negation, and
        'unsuccessfully' and the like qualify an act that still happened.
        """
        lo = max(lo, 0)
        k = lo
        while k < t:
            tok = pdoc[k]
            w = tok.lemma_
            if k in self._date_tokens or not (tok.is_lower or tok.is_sent_start) or w not in self._stop_first:
                k += 1
                continue
            if any(self._seq(pdoc, k, t, e) for e in self._exceptions_first.get(w, ())):
                k += max(len(e) for e in self._exceptions_first[w])
                continue
            if any(self._seq(pdoc, k, t, e) for e in self._attempts_first.get(w, ())):
                k += 1
                continue
            if any(self._seq(pdoc, k, t, e) for e in self._stop_first[w]):
                return True
            k += 1
        return False

    @staticmethod
    def _seq(pdoc: Doc, k: int, t: int, words: tuple[str, ...]) -> bool:
        return k + len(words) <= t and all(pdoc[k + i].lemma_ == w for i, w in enumerate(words))

    def _window_start(self, pdoc: Doc, s: Sentence, seg: list[int], t: int, subject: Ref | None) -> int:
        here = self._seg(seg, s, t)
        first = next((i for i in range(s.start, t + 1) if self._seg(seg, s, i) == here), t)
        lo = max(first, t - 8)
        if subject is not None and subject.end <= t and self._seg(seg, s, subject.start) == here:
            lo = min(lo, max(s.start, subject.start - 3))
        return lo

    def _object(self, pdoc: Doc, s: Sentence, seg: list[int], t1: int, refs: list[Ref], mode: str, limit: int = 12) -> Ref | None:
        """The object after position t1."""
        by_start = {}
        for r in refs:
            by_start.setdefault(r.start, r)
        named = self._named_after(pdoc, s, t1, by_start)
        if named is not None:
            return named
        k = t1
        steps = 0
        quoted = False
        while k < s.end and steps <= limit:
            r = by_start.get(k)
            if r is not None and k > t1 and self._modifier(pdoc, r):
                k = r.end  # "the Yugoslav leader Tito": the title; "the pro-Moscow members": a modifier
                steps += 1
                continue
            if r is not None:
                if r.form == "pronoun" and r.head == "subj":
                    return None
                if r.form == "name" and r.start > 0 and pdoc[r.start - 1].lemma_ in ("the", "a", "an") and r.end < s.end and pdoc[r.end].is_lower and pdoc[r.end].is_alpha and not self._verb_like(pdoc[r.end].lemma_) and pdoc[r.end].lemma_ not in PREPOSITIONS | {"and", "or", "but"} and self.resolver.label(r.id, {}) == "Person":
                    return None  # "the Stalin era", "a Stalin statue"
                if mode == "direct" and r.how == "metonym" and k > 0 and pdoc[k - 1].lemma_ in DETERMINERS:
                    head = self._head_after(pdoc, r.end)
                    if head is not None and not self._verb_like(head) and head not in self.lex.agent_heads | self.lex.party_heads | self.lex.delegation_heads:
                        return None  # "led the Prague city committee": the committee, not the State
                return r
            t = pdoc[k]
            w = t.lemma_
            if t.text in QUOTES or w in DETERMINERS or t.text in ("-", "\u2013", "'s", "\u2019s"):
                if t.text in QUOTES and t.text not in ("'s", "\u2019s") and not (t.text in ("'", "\u2019") and k > 0 and pdoc[k - 1].whitespace_ == "" and pdoc[k - 1].is_alpha):
                    quoted = not quoted
                k += 1
                steps += 1
                continue
            if t.text == "," and k + 1 < s.end:
                cue = next((c for c in NAMING if self._seq(pdoc, k + 1, s.end, c)), None)
                if cue is not None:
                    k += 1 + len(cue)
                    steps += 1
                    continue
            if t.text in PUNCT_BOUNDARY and t.text not in ("\u2014", "\u2013"):
                return None
            if w in RELATIVES or w in ("what", "how", "when", "where", "why", "whether", "and", "but", "or", "while", "whilst", "because", "although"):
                return None
            if mode == "direct":
                if w in PREPOSITIONS or self._verb_like(w) or steps > 4:
                    return None
            elif mode == "noun":
                if (w in PREPOSITIONS and w not in ("of",)) or steps > 6:
                    return None
            else:
                if self._finite_like(w) or (w in PREPOSITIONS and w != "of" and not quoted):
                    return None
                if w == "as" and k > t1 and not quoted and pdoc[k - 1].lemma_ != "such":
                    return None  # "condemned the invasion as a violation of Czechoslovak sovereignty": what follows 'as' characterizes
            k += 1
            steps += 1
        return None

    # -- relations from the lexicon -------------------------------------------------------

    def _relation(self, pdoc, s, seg, t0, t1, phrases: list[Phrase], state, emit) -> list[tuple]:
        refs = [r for r in s.refs if r.all_ids]
        first = phrases[0]
        by_end = {r.end: r for r in refs}
        if all(p.kind == "verb" for p in phrases) and self._after_determiner(pdoc, s, t0):
            return []  # "a heart attack", "the meeting": a noun, not the verb
        if any(p.kind == "noun" for p in phrases) and any(p.kind != "noun" for p in phrases):
            phrases = [p for p in phrases if (p.kind == "noun") == self._noun_position(pdoc, s, t0, refs)] or phrases
            first = phrases[0]
        is_noun = all(p.kind == "noun" for p in phrases)
        subject = obj = None
        if is_noun:
            subject, obj, light_at = self._noun_args(pdoc, s, seg, t0, t1, first, refs)
            if first.object != "between" and (subject is None or obj is None) and not (first.implicit_object and subject is not None):
                return []
            lo = max(s.start, (light_at if light_at is not None else t0) - 3)
            if light_at is not None:
                lo = self._window_start(pdoc, s, seg, light_at, subject)
            if self._blocked(pdoc, lo, t0):
                return []
        else:
            # passive: "was expelled from his party", "supported by Thorez", "replaced by Hegedüs"
            participle = any(p.participle for p in phrases)
            k = t0 - 1
            while k >= s.start and (pdoc[k].lemma_ in ADVERB_OK or pdoc[k].text.endswith("ly") or pdoc[k].text in ("\u2014",)):
                k -= 1
            aux = k >= s.start and pdoc[k].lemma_ in self.lex.be_verbs
            nxt = t1
            while nxt < s.end and pdoc[nxt].text.endswith("ly"):
                nxt += 1
            by_follows = nxt < s.end and pdoc[nxt].lemma_ in first.passive_agent
            if participle and (aux or (by_follows and pdoc[nxt].lemma_ == "by")):
                if aux or (t0 - 1 >= s.start and pdoc[t0 - 1].text == ","):
                    patient = self._subject(pdoc, s, seg, t0, refs)
                else:
                    patient = by_end.get(t0) if by_end.get(t0) and not by_end[t0].possessive else None
                agent = None
                if by_follows:
                    agent = self._object(pdoc, s, seg, nxt + 1, refs, "noun")
                if agent is None or patient is None:
                    return []
                subject, obj = agent, patient
                if self._blocked(pdoc, self._window_start(pdoc, s, seg, t0, patient), t0):
                    return []
            else:
                gerund = any(p.gerund for p in phrases)
                subject = self._subject(pdoc, s, seg, t0, refs, gerund=gerund)
                if first.object == "between":
                    obj = None
                else:
                    obj = self._object(pdoc, s, seg, t1, refs, "embedded" if first.object == "embedded" else "direct")
                if obj is None and t1 < s.end and pdoc[t1].lemma_ in ("it", "them"):
                    obj = self._it(pdoc, s, t1, phrases, state)
                if obj is None:
                    here = self._seg(seg, s, t0)
                    j = next((i for i in range(s.start, t0) if self._seg(seg, s, i) == here), t0)
                    while j < t0 and pdoc[j].text in PUNCT_BOUNDARY:
                        j += 1
                    if j < t0 and pdoc[j].lemma_ in ("whom", "which", "that") and subject is not None and subject.start > j:
                        obj = self._antecedent(pdoc, s, j, refs, any_label=pdoc[j].lemma_ == "that")
                if self._blocked(pdoc, self._window_start(pdoc, s, seg, t0, subject), t0):
                    return []
        if first.object == "between":
            pair = self._between(pdoc, s, t1, refs)
            if pair is None:
                return []
            subject, obj = pair
        if obj is None and first.implicit_object == "recent_event" and subject is not None:
            # the event just named, in this sentence or the one before: "Khrushchev, who attended, ..."
            # must not reach back to an event of another year when the text's own event is one bloc does not know
            near = [r for r in (state.prev.refs if state.prev else []) if r.id] + [r for r in refs if r.id and r.start < t0]
            ev_id = next((i for r in reversed(near) for i in reversed(r.all_ids) if self.resolver.label(i, state.discovered) == "Event"), None)
            if ev_id:
                obj = Ref(t1, t1, ev_id, "anaphor", "description")
        if obj is None and subject is not None and all(self.lex.types[p.type].get("symmetric") for p in phrases) and not is_noun:
            group = self._coordinated(pdoc, subject, refs)
            ids = [i for g in group for i in g.all_ids]
            if len(ids) >= 2:
                return [(t0, p.type, a, b, p.polarity) for p in phrases[:1] for x, a in enumerate(ids) for b in ids[x + 1 :] if emit(p.type, a, b, dry=True)]
        if subject is None or obj is None:
            return []
        if first.object == "between":
            subjects, objects = [subject], [obj]
        else:
            subjects = self._coordinated(pdoc, subject, refs) if subject.form != "pronoun" or subject.id else [subject]
            objects = self._coordinated(pdoc, obj, refs)
        for phrase in phrases:
            out = []
            if phrase.complement and not self._complement_follows(pdoc, s, max(o.end for o in objects), phrase.complement):
                continue
            for sj in subjects:
                for oj in objects:
                    for a in sj.all_ids:
                        for b in oj.all_ids:
                            if phrase.type == "LEADER_OF" and (oj.via == "delegation" or oj.form == "adj"):
                                continue
                            if phrase.object_labels and self.resolver.label(b, state.discovered) not in phrase.object_labels:
                                continue
                            if emit(phrase.type, a, b, dry=True):
                                out.append((t0, phrase.type, a, b, phrase.polarity))
            if out:
                return out  # the first reading of the phrase whose ends fit its type
        return []

    @staticmethod
    def _complement_follows(pdoc, s, k: int, words: tuple[str, ...]) -> bool:
        """One of `words` within four tokens after the object, before any punctuation but a hyphen."""
        for i in range(k, min(k + 4, s.end)):
            t = pdoc[i]
            if t.is_punct and t.text not in ("-", "\u2010", "\u2011"):
                return False
            if t.lower_ in words or t.lemma_.lower() in words:
                return True
        return False

    def _after_determiner(self, pdoc, s, t0) -> bool:
        k = t0 - 1
        steps = 0
        w0 = pdoc[t0].lemma_
        participle = w0.endswith(("ing", "ed")) or w0 in self._past_forms
        while k >= s.start and steps < (1 if participle else 3):
            w = pdoc[k].lemma_
            if w in ("a", "an", "the", "this", "its", "his", "her", "their", "'s", "\u2019s"):
                return True
            if not (pdoc[k].is_alpha and pdoc[k].is_lower) or w in PREPOSITIONS or self._verb_like(w) or w in self.lex.be_verbs or w in ("and", "or", "to", "not", "also"):
                return False
            k -= 1
            steps += 1
        return False

    def _noun_position(self, pdoc, s, t0, refs) -> bool:
        """Is the word at t0 a noun here ('his struggle against') rather than a verb ('they struggle against')?"""
        k = t0 - 1
        by_end = {r.end: r for r in refs}
        if k < s.start:
            return False
        r = by_end.get(t0)
        if r is not None and (r.possessive or r.form == "adj"):
            return True
        w = pdoc[k].lemma_
        return w in DETERMINERS or w in ("his", "her", "its", "their", "'s", "\u2019s") or w in self.lex.light_verbs or w in self.lex.receive_verbs

    def _named_after(self, pdoc, s, t1: int, by_start: dict[int, Ref]) -> Ref | None:
        """'purged the pro-Moscow members of his Politburo, among them X and Y': the names of an
        object that names no actor itself, given right after it."""
        for k in range(t1, min(s.end, t1 + 12)):
            t = pdoc[k]
            if t.text == ",":
                cue = next((c for c in NAMING if self._seq(pdoc, k + 1, s.end, c)), None)
                if cue is None:
                    return None
                r = by_start.get(k + 1 + len(cue))
                return r if r is not None and r.form == "name" else None
            if t.text in PUNCT_BOUNDARY or self._finite_like(t.lemma_) or t.lemma_ in RELATIVES or t.lemma_ in ("and", "but", "or"):
                return None
            r = by_start.get(k)
            if r is not None and r.form == "name" and not r.possessive and not self._modifier(pdoc, r):
                return None  # the object names an actor itself
        return None

    @staticmethod
    def _modifier(pdoc: Doc, r: Ref) -> bool:
        """A name that only qualifies the next one: a title ('the Yugoslav leader Tito') or 'pro-Moscow'."""
        k = r.start
        return r.via == "leader" or (k >= 2 and pdoc[k - 1].text in ("-", "\u2013") and pdoc[k - 2].lemma_ in ("pro", "anti"))

    def _it(self, pdoc, s, k: int, phrases: list[Phrase], state: DocState) -> Ref | None:
        """'it' where only a Document or an Event fits: the last one named, in this sentence or the one before."""
        labels = {lab for p in phrases for lab in self.lex.types[p.type]["to"]}
        if not labels <= {"Document", "Event"}:
            return None
        before = [r for r in s.refs if r.end <= k and r.id]
        for r in list(reversed(before)) + list(reversed([r for r in (state.prev.refs if state.prev else []) if r.id])):
            if self.resolver.label(r.id, state.discovered) in labels:
                return r
        return None

    def _noun_args(self, pdoc, s, seg, t0, t1, phrase: Phrase, refs):
        """Agent and object of a noun phrase ('Moscow's disapproval of his politics')."""
        subject = None
        light_at = None
        # object: after the phrase's preposition
        obj = None
        if phrase.object not in ("between", "possessor"):
            obj = self._object(pdoc, s, seg, t1, refs, "noun" if phrase.object == "noun" else "embedded", limit=10)
        # agent 1: a possessor or demonym right before the noun (skipping adjectives)
        k = t0 - 1
        steps = 0
        by_end = {r.end: r for r in refs}
        while k >= s.start and steps < 4:
            r = by_end.get(k + 1)
            if r is not None and (r.possessive or r.form in ("adj", "collective")):
                subject = r
                break
            t = pdoc[k]
            if t.text in ("'s", "\u2019s"):
                k -= 1
                continue
            if not (t.text.isalpha() and t.text.islower()) or t.lemma_ in PREPOSITIONS or self._verb_like(t.lemma_) or t.lemma_.endswith("ing") or t.lemma_ in ("and", "or", "but", "nor"):
                break
            if t.lemma_ in DETERMINERS and t.lemma_ not in ("its", "his", "their", "her"):
                k -= 1
                steps += 1
                continue
            k -= 1
            steps += 1
        # the light verb before the phrase (ordered military intervention in)
        j = t0 - 1
        while j >= s.start and (pdoc[j].lemma_ in DETERMINERS or (pdoc[j].text.isalpha() and pdoc[j].text.islower() and not self._verb_like(pdoc[j].lemma_) and pdoc[j].lemma_ not in PREPOSITIONS and pdoc[j].lemma_ not in ("and", "or", "but")) or pdoc[j].text in QUOTES or pdoc[j].text in ("'s", "\u2019s") or (by_end.get(j + 1) is not None)) and t0 - j <= 5:
            if by_end.get(j + 1) is not None and by_end[j + 1].start <= j:
                j = by_end[j + 1].start - 1
                continue
            j -= 1
        if j >= s.start:
            w = pdoc[j].lemma_
            if w in self.lex.light_verbs or w in self.lex.receive_verbs or w in self.lex.be_verbs:
                light_at = j
                if w in self.lex.receive_verbs and subject is not None and subject.possessive and phrase.object != "possessor":
                    # "he had China's backing": the possessor gives, the subject receives
                    return subject, self._subject(pdoc, s, seg, j, refs), light_at
                if (subject is None or (subject.possessive and subject.form == "pronoun")) and phrase.object != "possessor":
                    subj = self._subject(pdoc, s, seg, j, refs)
                    if subject is None:
                        subject = subj
            elif w in (",",) and subject is None:
                # apposition: "X, a member of Y"
                r = by_end.get(j)
                if r is not None and not r.possessive:
                    subject = r
        if phrase.object == "possessor":
            # "Tirana took Beijing's side": the possessor is the object, the light verb's subject the agent
            if subject is None or not (subject.possessive or subject.form == "adj") or light_at is None:
                return None, None, light_at
            return self._subject(pdoc, s, seg, light_at, refs), subject, light_at
        # agent after: "the condemnation of X by Y"
        if subject is None and obj is not None:
            k = obj.end
            if k < s.end and pdoc[k].lemma_ == "by":
                for r in refs:
                    if r.start == k + 1 or (r.start == k + 2 and pdoc[k + 1].lemma_ in DETERMINERS):
                        subject = r
                        break
        return subject, obj, light_at

    def _between(self, pdoc, s, t1, refs):
        by_start = {r.start: r for r in refs}
        k = t1
        while k < s.end and (pdoc[k].lemma_ in DETERMINERS or pdoc[k].text in QUOTES):
            k += 1
        a = by_start.get(k)
        if a is None:
            return None
        k = a.end
        if k < s.end and pdoc[k].lemma_ == "and":
            k += 1
            while k < s.end and (pdoc[k].lemma_ in DETERMINERS or pdoc[k].text in QUOTES):
                k += 1
            b = by_start.get(k)
            if b is not None:
                return a, b
        return None

    # -- dates ----------------------------------------------------------------------------

    def _carry_event_year(self, pdoc: Doc, s: Sentence, state: DocState) -> None:
        """A day without its year takes the year of the event named here or in the sentence before
        when the day falls within that event ('the congress ... on 17 October' of a congress held
        17-31 October 1961), rather than the narrative's year; the dates after it follow until a
        date with its own year anchors the narrative again."""
        if any(d.year_given and d.anchors for _, _, d in s.dates):
            state.year_fix = None
        inferred = [d for _, _, d in s.dates if not d.year_given]
        if not inferred:
            return
        near = [i for r in s.refs if r.id for i in r.all_ids] + [i for r in (state.prev.refs if state.prev else []) if r.id for i in r.all_ids]
        # 'the congress': the congress last named
        for k in range(max(s.start, 1), s.end):
            if pdoc[k].lemma_ in self.event_heads and pdoc[k - 1].lemma_ == "the":
                events = [(o, i) for i, o in state.memory.mentioned.items() if self._event_kind(i, state) == pdoc[k].lemma_]
                if events:
                    near.append(max(events)[1])
        for i in near:
            node = self.resolver.node(i, state.discovered)
            if node is None or node.label != "Event" or not node.start:
                continue
            first, last = node.start, node.end or node.start
            year = int(first[:4])
            if int(last[:4]) != year:
                continue
            for d in inferred:
                day = f"{year:04d}{d.first[4:]}"
                if d.year != year and len(day) > 4 and first[: len(day)] <= day <= last[: len(day)]:
                    state.year_fix = (d.year, year)
        if state.year_fix is None:
            return
        was, now = state.year_fix

        def moved(d: DateMention) -> DateMention:
            return replace(d, first=f"{now:04d}{d.first[4:]}", last=f"{now:04d}{d.last[4:]}" if d.last else None)

        s.dates = [(a, b, moved(d) if not d.year_given and d.year == was else d) for a, b, d in s.dates]

    def _event_kind(self, node_id: str, state: DocState) -> str | None:
        node = self.resolver.node(node_id, state.discovered)
        return node.kind if node is not None and node.label == "Event" else None

    def _date_for(self, pdoc: Doc, s: Sentence, seg: list[int], t: int) -> DateMention | None:
        """The date of the fact stated at t.

        A date belongs to the nearest phrase before it in its clause (or, with none
        before, the nearest after it); a phrase takes its own date, else a date that
        opens the sentence, else the date of the clause a relative clause hangs on
        ('..., at which he affirmed'), else a date of the main clause that belongs
        to no other phrase. A date inside a parenthetical clause stays there.
        """
        if not s.dates:
            return None
        triggers = sorted(set(self._sentence_triggers) | {t})
        owners = []
        for a, b, d in s.dates:
            g = self._seg(seg, s, a)
            left = [x for x in triggers if x < a and self._seg(seg, s, x) == g]
            right = [x for x in triggers if x >= b and self._seg(seg, s, x) == g]
            owners.append(left[-1] if left else (right[0] if right else None))
        own = [d for (a, b, d), o in zip(s.dates, owners) if o == t]
        if own:
            return own[0]

        for (a, b, d), o in zip(s.dates, owners):
            if sum(1 for k in range(s.start, a) if pdoc[k].is_alpha) <= 3 and (o is None or self._seg(seg, s, a) == 0):
                return d
        here = self._seg(seg, s, t)
        first = next((i for i in range(s.start, t) if self._seg(seg, s, i) == here), t)
        k = first
        while k < t and pdoc[k].text in PUNCT_BOUNDARY:
            k += 1
        if k + 1 < t and pdoc[k].lemma_ in ("at", "in", "during", "on") and pdoc[k + 1].lemma_ in ("which", "whom"):
            prev = [d for a, b, d in s.dates if self._seg(seg, s, a) == here - 1]
            if len(prev) == 1:
                return prev[0]
        for g in range(here - 1, -1, -1):
            if self._aside(pdoc, s, seg, g) or self._participial(pdoc, s, seg, g):
                continue
            unowned = [d for (a, b, d), o in zip(s.dates, owners) if o is None and self._seg(seg, s, a) == g]
            if unowned:
                return unowned[0]
            if any(self._seg(seg, s, x) == g for x in triggers):
                break
        return None

    def _participial(self, pdoc: Doc, s: Sentence, seg: list[int], g: int) -> bool:
        """Does segment g open with a participle ('released in full ... in 1985')?"""
        first = next((i for i in range(s.start, s.end) if self._seg(seg, s, i) == g), None)
        k = first
        while k is not None and k < s.end and not pdoc[k].is_alpha:
            k += 1
        return k is not None and k < s.end and g > 0 and pdoc[k].is_lower and (pdoc[k].lemma_.endswith(("ed", "en", "ing")) or pdoc[k].lemma_ in self._past_forms)

    # -- structure: leaders, parties, successions --------------------------------------------

    def _roles(self, pdoc, s, seg, state: DocState, emit) -> None:
        refs = [r for r in s.refs if r.all_ids]
        by_start = {r.start: r for r in refs}
        by_end = {r.end: r for r in refs}
        spans = [sp for sp in self._role_spans(pdoc) if s.start <= sp.start < s.end]
        appointed = bool(self._find(pdoc, s.start, s.end, self._appointment_first))
        for span in spans:
            a, b = span.start, span.end
            canonical, scope = self.role_of[self.nlp.vocab.strings[span.label]]
            if pdoc[a].text[:1].isupper() and pdoc[a].is_sent_start is False and canonical in ("leader", "head", "chairman") and pdoc[a].text != "Chairman":
                continue
            # plurals and non-roles: "leaders", "the head of the column"
            if b < len(pdoc) and pdoc[b].text in ("s",):
                continue
            target = None
            span_words = {pdoc[k].lemma_ for k in range(a, b)}
            # target: "ROLE of/for X"
            k = b
            if k < s.end and pdoc[k].lemma_ in ("of", "for"):
                k += 1
                while k < s.end and (pdoc[k].lemma_ in DETERMINERS or (pdoc[k].text.isalpha() and pdoc[k].text.islower() and pdoc[k].lemma_ not in PREPOSITIONS and not self._verb_like(pdoc[k].lemma_))) and k - b < 5:
                    r = by_start.get(k)
                    if r is not None:
                        break
                    k += 1
                r = by_start.get(k)
                if r is not None and r.id:
                    target = r.id
                    tgt_end = r.end
                else:
                    tgt_end = b
            else:
                tgt_end = b
            if scope == "organization" and target is None:
                continue  # "head", "director": only with the body named ("the head of the secret police")
            # target: "DEMONYM [communist|party] ROLE", "X's ROLE", "STATE ROLE"
            j = a - 1
            party_word = False
            while j >= s.start and pdoc[j].lemma_ in ("communist", "party", "new", "former", "one-time", "then", "reformist", "reformer", "soviet-installed", "stalinist", "veteran", "de", "facto", "acting", "undisputed", "supreme"):
                if pdoc[j].lemma_ in ("communist", "party"):
                    party_word = True
                j -= 1
            party_word = party_word or bool(span_words & {"communist", "party"})
            pre = by_end.get(j + 1)
            if pre is None and j >= s.start and pdoc[j].text in ("'s", "\u2019s"):
                pre = by_end.get(j)
            if target is None and pre is not None and pre.id and pre.form != "pronoun":
                lab = self.resolver.label(pre.id, state.discovered)
                if lab in ("State", "Party", "Organization"):
                    target = pre.id
                    if lab == "State" and (party_word or scope == "party"):
                        target = ("party-of", pre.id) if party_word else ("party-or-state", pre.id)
            if target is None and pre is not None and pre.form == "role" and pre.state:
                target = ("party-of", pre.state) if (party_word or scope == "party") else pre.state
            # holder
            holder = None
            k = tgt_end
            if k < s.end and pdoc[k].text == ",":
                k += 1
            r = by_start.get(k)
            if r is not None and r.id and self.resolver.label(r.id, state.discovered) == "Person":
                holder = r
            if holder is None:
                # "X, a one-time leader of Y" / "X, the First Secretary"
                j2 = j
                while j2 >= s.start and (pdoc[j2].lemma_ in DETERMINERS or pdoc[j2].text in ("-", "\u2013") or pdoc[j2].text.islower() and pdoc[j2].text.isalpha() and not self._verb_like(pdoc[j2].lemma_) and pdoc[j2].lemma_ not in PREPOSITIONS) and a - j2 < 6:
                    j2 -= 1
                if j2 >= s.start and pdoc[j2].text == ",":
                    r = by_end.get(j2)
                    if r is not None and r.id and self.resolver.label(r.id, state.discovered) == "Person" and not r.possessive:
                        holder = r
            if holder is None:
                j3 = a - 1
                while j3 >= s.start:
                    if pdoc[j3].text in ("'s", "\u2019s") and by_end.get(j3) is not None:
                        j3 = by_end[j3].start - 1
                    elif by_end.get(j3 + 1) is not None and by_end[j3 + 1].possessive:
                        j3 = by_end[j3 + 1].start - 1
                    elif pdoc[j3].lemma_ in DETERMINERS or pdoc[j3].lemma_ in ("new", "former", "one-time", "then", "sole", "first", "acting", "de", "facto"):
                        j3 -= 1
                    else:
                        break
                if j3 >= s.start and (pdoc[j3].lemma_ in ("as", "became", "become", "becomes", "remained", "elected", "appointed", "named", "made", "was", "were", "been", "is", "remains")):
                    holder = self._holder_of_predicate(pdoc, s, seg, j3, refs)
            if holder is None or not holder.id:
                continue
            if self.resolver.label(holder.id, state.discovered) != "Person":
                continue
            if isinstance(target, tuple):
                how, st = target
                target = self._party_of(st, state, holder.id) or (st if how == "party-or-state" else None)
            if target is None:
                target = self._default_target(holder.id, canonical, scope, state, titled=pdoc[a].text[:1].isupper())
            if target is None:
                continue
            start = None
            when = self._date_for(pdoc, s, seg, a)
            if appointed or (when is not None and self._since(pdoc, s, when)):
                start = when
            emit("LEADER_OF", holder.id, target, role=canonical, start=start)
            if appointed:
                self._succession(pdoc, s, holder.id, target, canonical, state, emit, start)

    def _since(self, pdoc: Doc, s: Sentence, d: DateMention) -> bool:
        """Is the date introduced by 'since' or 'from' (a leadership's start)?"""
        for a, b, x in s.dates:
            if x is d:
                return a - 1 >= s.start and pdoc[a - 1].lemma_ in ("since", "from")
        return False

    def _role_spans(self, pdoc: Doc) -> list[Span]:
        cached = pdoc.user_data.get("bloc_roles")
        if cached is None:
            cached = filter_spans([Span(pdoc, a, b, label=key) for key, a, b in self.roles(pdoc)])
            pdoc.user_data["bloc_roles"] = cached
        return cached

    def _party_of(self, st: str, state: DocState, person: str | None = None) -> str | None:
        """The party of a State, preferring a person's own party, then the parties the text has named."""
        prefer = []
        if person is not None:
            if person in state.memory.affiliation:
                prefer.append(state.memory.affiliation[person])
            node = self.resolver.node(person, state.discovered)
            if node is not None and node.party:
                prefer.append(node.party)
        prefer += state.local  # named earlier in this paragraph, nearest first
        prefer += sorted(state.memory.mentioned, key=lambda i: -state.memory.mentioned[i])
        return self.resolver.party_of_state(st, state.discovered.values(), prefer)

    def _holder_of_predicate(self, pdoc, s, seg, j, refs):
        """Who 'as ROLE' is said of: 'the appointment of X ... as', 'elected X as', else the clause's subject."""
        appoint = self._appoint_verbs
        for r in reversed([r for r in refs if r.end <= j]):
            if r.id and self.resolver.label(r.id, {}) == "Person" and not r.possessive:
                k = r.start - 1
                if k >= s.start and pdoc[k].lemma_ == "of" and k - 1 >= s.start and any(pdoc[k - 1].lemma_.startswith(w[:6]) for w in appoint):
                    return r
                if k >= s.start and pdoc[k].lemma_ in appoint and pdoc[k].lemma_.endswith("ed"):
                    return r
        subj = self._subject(pdoc, s, seg, j, refs)
        if subj is not None:
            return subj
        return None

    def _default_target(self, person: str, role: str, scope: str, state: DocState, titled: bool) -> str | None:
        node = self.resolver.node(person, state.discovered)
        if node is None:
            return None
        if scope == "party":
            party = state.memory.affiliation.get(person) or node.party
            return party
        if scope == "state" and titled:
            return node.country
        return None

    def _succession(self, pdoc, s, person: str, target: str, role: str, state: DocState, emit, start) -> None:
        for no, who in reversed(state.departures):
            if state.sentence_no - no > 2:
                break
            if who == person:
                continue
            held = state.memory.roles_of(who)
            if held and not any(self._same_office(t, r, target, role) for t, r in held):
                continue
            emit("SUCCEEDED", person, who, role=role, date=start)
            return

    def _same_office(self, t1: str, r1: str | None, t2: str, r2: str | None) -> bool:
        """Could one role have followed the other? The same role, or two of the same scope, of the same body."""
        if t1 != t2 or r1 is None or r2 is None:
            return t1 == t2 and (r1 == r2)
        if r1 == r2:
            return True
        s1, s2 = self.lex.roles.get(r1, {}).get("scope"), self.lex.roles.get(r2, {}).get("scope")
        return s1 == s2 and s1 in ("party", "state")

    def _departures(self, pdoc, s, seg, triggers, state: DocState) -> None:
        """Note who left an office in this sentence: the next appointment may have succeeded them."""
        refs = [r for r in s.refs if r.all_ids]

        def person(r: Ref | None) -> str | None:
            return r.id if r is not None and r.id and self.resolver.label(r.id, state.discovered) == "Person" else None

        for i, w in self._find(pdoc, s.start, s.end, self._departure_first):
            # "forcing him to resign", "X resigned", "X was ousted"
            who = person(self._subject(pdoc, s, seg, i, refs))
            # "Nagy's downfall"
            if who is None and i - 1 >= s.start and pdoc[i - 1].text in ("'s", "\u2019s"):
                who = person(next((r for r in refs if r.end == i - 1), None))
            # "the ouster of X"
            if who is None and i + len(w) + 1 < s.end and pdoc[i + len(w)].lemma_ == "of":
                who = person(next((r for r in refs if r.start in (i + len(w) + 1, i + len(w) + 2)), None))
            if who:
                state.departures.append((state.sentence_no, who))

    def _party_names(self, pdoc, s, state: DocState, emit) -> None:
        """PARTY_OF from a party's name (method 'name') and from 'X's ruling party' (pattern)."""
        refs = [r for r in s.refs if r.id and r.form == "name"]
        refs += [Ref(a, b, i, "name", "name", text=pdoc[a:b].text) for a, b, i, kind in s.inner]
        for r in refs:
            if r.id in state.party_named:
                continue
            node = self.resolver.node(r.id, state.discovered)
            if node is None or node.label != "Party" or not node.country:
                continue
            country = self.resolver.node(node.country, state.discovered)
            if country is None:
                continue
            entry = self.gazetteer[country.id] if country.id in self.gazetteer else None
            names = {fold(x).lower() for x in (country.name, *country.aliases)} | ({fold(x).lower() for x in entry.demonyms} if entry else set())
            text = " " + " ".join(fold(r.text).lower().replace("-", " ").split()) + " "
            if any(f" {x} " in text for x in names):
                state.party_named.add(r.id)
                emit("PARTY_OF", r.id, country.id, method="name")
        # "the PUWP (Poland's ruling Communist Party)", "X, the ruling party of Y"
        for i in range(s.start, s.end):
            if pdoc[i].lemma_ != "ruling":
                continue
            state_ref = next((x for x in s.refs if x.end in (i - 1, i) and x.possessive and x.id and self.resolver.label(x.id, state.discovered) == "State"), None)
            if state_ref is None:
                continue
            if not any(pdoc[k].lemma_ in ("party",) for k in range(i + 1, min(i + 4, s.end))):
                continue
            party = next((x for x in reversed(s.refs) if x.end <= state_ref.start and x.id and self.resolver.label(x.id, state.discovered) == "Party" and state_ref.start - x.end <= 4), None)
            if party is not None:
                emit("PARTY_OF", party.id, state_ref.id)

    def _compounds(self, pdoc, s, state: DocState, emit) -> None:
        """'the Sino-Soviet split', 'the Soviet–Albanian alliance', 'the Tito–Stalin split'."""
        refs = [r for r in s.refs if r.id]
        by_start = {r.start: r for r in refs}
        for r in refs:
            k = r.end
            if k + 1 < s.end and pdoc[k].text in ("-", "\u2013") and pdoc[k - 1].whitespace_ == "":
                other = by_start.get(k + 1)
                if other is None:
                    continue
                h = other.end
                if h < s.end and pdoc[h].lemma_ in self.lex.compounds:
                    rtype = self.lex.compounds[pdoc[h].lemma_]
                    if self._blocked_strict(pdoc, max(s.start, r.start - 2), r.start):
                        continue
                    pol = 1 if rtype == "MET_WITH" else None
                    emit(rtype, r.id, other.id, polarity=pol, date=self._date_for(pdoc, s, self._segments(pdoc, s), r.start))

    def _blocked_strict(self, pdoc, lo, t) -> bool:
        return any(pdoc[k].lemma_ in ("no", "not", "never", "without") for k in range(lo, t))

    # -- pronouns and role nouns ----------------------------------------------------------

    def _resolve_pronouns(self, pdoc: Doc, s: Sentence, state: DocState) -> None:
        seg = self._segments(pdoc, s)
        label = lambda i: self.resolver.label(i, state.discovered)  # noqa: E731
        for r in s.refs:
            if r.form == "role" and r.id is None:
                targets = {r.state} if r.state else set()
                if r.state:
                    p = self._party_of(r.state, state)
                    if p:
                        targets.add(p)
                person = state.memory.leader_of(r.role, targets) if (targets or r.role != "leader") else None
                if person is None and r.state:
                    for prev in [x for x in s.refs if x.end <= r.start] + (state.prev.refs if state.prev else []):
                        if prev.id and label(prev.id) == "Person":
                            node = self.resolver.node(prev.id, state.discovered)
                            if node is not None and node.country == r.state:
                                person = prev.id
                r.id = person or r.state
                if person is None:
                    r.form = "collective"
                continue
            if r.form != "pronoun" or r.id is not None:
                continue
            gender, case = PRONOUNS[r.text.lower()]
            before = [x for x in s.refs if x.end <= r.start and x.id and x is not r]
            if gender == "m":
                persons = [x for x in before if label(x.id) == "Person"]
                if case == "refl":
                    subj = self._subject(pdoc, s, seg, r.start, [x for x in s.refs if x.id])
                    r.id = subj.id if subj is not None and label(subj.id) == "Person" else None
                elif case == "subj":
                    subj_like = [x for x in persons if self._subject_like(pdoc, x, s)]
                    if subj_like:
                        r.id = subj_like[-1].id
                    else:
                        r.id = self._from_previous(state, "Person", pdoc)
                elif case == "obj":
                    subj = self._subject(pdoc, s, seg, r.start, [x for x in s.refs if x.id and x.end <= r.start])
                    others = [x for x in persons if subj is None or x.id != subj.id]
                    r.id = others[-1].id if others else None
                else:  # possessive
                    if persons:
                        r.id = persons[-1].id
                    else:
                        r.id = self._from_previous(state, "Person", pdoc)
            else:
                groups = []
                for x in before:
                    if x.plural or x.form == "collective":
                        groups.append([x])
                if groups:
                    g = groups[-1]
                    r.id = g[0].id
                    r.ids = tuple(x.id for x in g)
                elif state.prev is not None:
                    plural = [g for g in state.prev.subjects if len(g) > 1 or g[0].plural]
                    if plural:
                        r.id = plural[0][0].id
                        r.ids = tuple(x.id for x in plural[0] if x.id)
            if r.id and r.possessive and r.head in ("party",) and case == "poss":
                node = self.resolver.node(r.id, state.discovered)
                party = state.memory.affiliation.get(r.id) or (node.party if node is not None else None)
                r.id = party
                r.possessive = False
                r.form = "name"
                r.end = min(r.end + 1, s.end)

    def _from_previous(self, state: DocState, lab: str, pdoc) -> str | None:
        prev = state.prev
        if prev is None:
            return None
        subj = [g[0].id for g in prev.subjects if g and g[0].id and self.resolver.label(g[0].id, state.discovered) == lab]
        if subj:
            return subj[0]
        ids = {x.id for x in prev.refs if x.id and self.resolver.label(x.id, state.discovered) == lab}
        if len(ids) == 1:
            return ids.pop()
        return None

    def _find(self, pdoc, a: int, b: int, by_first: dict[str, list[tuple[str, ...]]]) -> list[tuple[int, tuple[str, ...]]]:
        """Where the word sequences of `by_first` (indexed by their first word) occur in tokens a..b."""
        out = []
        for i in range(a, b):
            for words in by_first.get(pdoc[i].lemma_, ()):
                if self._seq(pdoc, i, b, words):
                    out.append((i, words))
        return out
