"""Who is meant: demonyms, capitals, collective nouns, descriptions and pronouns -> actors.

Everything here is a general rule over the gazetteer's data, never a list of
special cases:

- a demonym or a capital names its State ("the Yugoslavs", "Moscow"); with a
  party word it names the State's communist party ("the Soviet party", "the
  Polish communists"), with a delegation word the party that sent it ("the
  Italian delegation");
- a State where a Party is needed is its ruling party, a Party or Person where a
  State is needed is its country (`Resolver.coerce`);
- "the meeting", "the 1957 meeting", "the declaration of the meeting", "the
  documents of the meeting" are the Event or Documents of that kind the text has
  named, or else the one of the narrative's year (`Resolver.describe`);
- role nouns ("the Soviet leader", "the reformist prime minister") go to the
  person the text last gave that role (`Memory`).

Pronouns need the sentence's structure (who is a subject) and are resolved in
loaders/relations.py with these tables: "he" is the nearest person in subject
position before it, or the previous sentence's subject; "him" the nearest
other person; "they" the group named before; where nothing fits, the fact is
left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from graph.model import Node
from loaders.gazetteer import Gazetteer
from loaders.mentions import fold

PARTY_LABELS = ("Party",)
ACTOR_LABELS = ("Person", "Party", "State", "Organization", "Delegation")


@dataclass
class Ref:
    """A stretch of a sentence that refers to a node (token offsets in the block's Doc)."""

    start: int
    end: int
    id: str | None  # None: not (yet) resolved, e.g. a pronoun
    how: str  # name | alias | discovered | demonym | metonym | pronoun | role | description | anaphor
    form: str = "name"  # name | adj | collective | pronoun | description | role
    possessive: bool = False  # "Moscow's", "his"
    head: str | None = None  # the noun an adjectival or possessive ref qualifies ("invasion", "government")
    plural: bool = False
    via: str | None = None  # "party" | "delegation" | "leader": how a demonym phrase points at its node
    ids: tuple[str, ...] = ()  # for plural descriptions: every node meant ("the documents of the meeting")
    role: str | None = None  # role noun anaphor ("the Soviet leader"): canonical role
    state: str | None = None  # role noun anaphor: the State its demonym names
    text: str = ""

    @property
    def all_ids(self) -> tuple[str, ...]:
        if self.ids:
            return self.ids
        return (self.id,) if self.id else ()


@dataclass
class Memory:
    """What a document has said so far about who leads what (for role nouns and successions)."""

    affiliation: dict[str, str] = field(default_factory=dict)  # person -> party
    mentioned: dict[str, int] = field(default_factory=dict)  # node id -> order of its last mention
    called: dict[str, set[str]] = field(default_factory=dict)  # node id -> the words its mentions used
    _last: dict[tuple[str | None, str | None], tuple[int, str]] = field(default_factory=dict)  # (role, target) -> (order, person)
    _roles: dict[str, set[tuple[str, str | None]]] = field(default_factory=dict)  # person -> {(target, role)}
    _count: int = 0

    def add_leader(self, person: str, target: str, role: str | None) -> None:
        """Note that the text said `person` holds `role` in `target` (kept as the latest per role and body)."""
        self._count += 1
        for key in ((role, target), (role, None), (None, target), (None, None)):
            self._last[key] = (self._count, person)
        self._roles.setdefault(person, set()).add((target, role))

    def leader_of(self, role: str | None, targets: set[str]) -> str | None:
        """The person last said to hold `role` (any role for 'leader') in one of `targets` (any body if empty)."""
        roles = [None] if role in (None, "leader") else [role]
        hits = [self._last[(r, t)] for r in roles for t in (targets or {None}) if (r, t) in self._last]
        return max(hits)[1] if hits else None

    def roles_of(self, person: str) -> list[tuple[str, str | None]]:
        return sorted(self._roles.get(person, ()), key=str)


class Resolver:
    """Built once per load from the gazetteer: the tables every rule above reads."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon):
        self.gaz = gazetteer
        self.lex = lexicon
        self.forms = PhraseMatcher(nlp.vocab, attr="NORM")
        self.state_of_form: dict[str, str] = {}
        self.plural_forms: set[str] = set()
        demonyms: dict[str, list[str]] = {}
        metonyms: dict[str, list[str]] = {}
        for e in gazetteer.by_label("State"):
            for d in e.demonyms:
                demonyms.setdefault(fold(d), []).append(e.id)
            for m in e.metonyms:
                metonyms.setdefault(fold(m), []).append(e.id)
        for form, ids in demonyms.items():
            if len(set(ids)) == 1:
                self.state_of_form[form] = ids[0]
        for form, ids in metonyms.items():
            if len(set(ids)) == 1 and form not in self.state_of_form:
                self.state_of_form[form] = ids[0]
        # Plural people forms: "Yugoslavs", "Poles" (a demonym that is another one plus s/es, or ends in s).
        singulars = set(demonyms)
        for form in demonyms:
            if form.endswith("s") and (form[:-1] in singulars or form[:-2] in singulars or form.endswith(("ans", "ians", "es", "ers"))):
                self.plural_forms.add(form)
            elif form.endswith("s") and not form.endswith(("ss", "ese")):
                self.plural_forms.add(form)
        self.combining = {fold(k): fold(v) for k, v in (lexicon.combining_forms or {}).items()}
        with nlp.select_pipes(enable=["bloc_fold"]):
            dem = [f for f in demonyms if f in self.state_of_form]
            met = [f for f in metonyms if f in self.state_of_form and f not in demonyms]
            self.forms.add("demonym", list(nlp.pipe(dem)))
            self.forms.add("metonym", list(nlp.pipe(met)))
            self.forms.add("combining", list(nlp.pipe(list(self.combining))))
        self.demonym_forms = set(demonyms)
        # Parties by country: the ruling one first.
        self.parties_of: dict[str, list[Node]] = {}
        for e in gazetteer.by_label("Party"):
            if e.node.country:
                self.parties_of.setdefault(e.node.country, []).append(e.node)
        # Events and documents, for descriptions ("the 1957 meeting", "the declaration").
        self.events = [e.node for e in gazetteer.by_label("Event")]
        self.documents = [e.node for e in gazetteer.by_label("Document")]
        self._words: dict[str, set[str]] = {}
        for n in self.events + self.documents:
            words: set[str] = set()
            for form in (n.name, *n.aliases):
                words |= {w.strip("'’()") for w in fold(form).lower().replace("-", " ").split()}
            if n.kind:
                words |= set(fold(n.kind).lower().split())
            self._words[n.id] = words

    # -- states and their parties ------------------------------------------------

    def state_of(self, form: str) -> str | None:
        """The State a demonym, capital or combining form names ('Sino' -> china)."""
        f = fold(form)
        if f in self.combining:
            f = self.combining[f]
        return self.state_of_form.get(f)

    def party_of_state(self, state: str, extra: Iterable[Node] = (), prefer: Iterable[str] = ()) -> str | None:
        """The communist party of a State: the ruling one, or the only one; None where unsure.

        Where the gazetteer knows several (a party renamed, or successive ruling
        parties), the one in `prefer` (the parties the text has named, or a
        person's own party) decides; else nothing is guessed.
        """
        parties = list(self.parties_of.get(state, [])) + [n for n in extra if n.label == "Party" and n.country == state]
        if not parties:
            return None
        ruling = [p for p in parties if p.ruling] or parties
        if len(ruling) == 1:
            return ruling[0].id
        prefer = list(prefer)
        chosen = [p for p in ruling if p.id in prefer]
        if chosen:
            return min(chosen, key=lambda p: prefer.index(p.id)).id
        return None

    def ruling_party(self, state: str) -> str | None:
        ruling = [p for p in self.parties_of.get(state, []) if p.ruling]
        return ruling[0].id if len(ruling) == 1 else None

    def label(self, node_id: str, discovered: dict[str, Node]) -> str | None:
        if node_id in self.gaz:
            return self.gaz[node_id].node.label
        if node_id in discovered:
            return discovered[node_id].label
        return None

    def node(self, node_id: str, discovered: dict[str, Node]) -> Node | None:
        if node_id in self.gaz:
            return self.gaz[node_id].node
        return discovered.get(node_id)

    def coerce(self, node_id: str, allowed: Iterable[str], discovered: dict[str, Node], memory: Memory | None = None) -> str | None:
        """The node itself if its label is allowed, else the node it stands for, else None.

        State -> its ruling party (where a Party is needed); Party -> its country and
        Person -> their country (where a State is needed); Delegation -> the party it
        represented is left to the lists. Nothing else is coerced.
        """
        allowed = tuple(allowed)
        label = self.label(node_id, discovered)
        if label is None:
            return None
        if label in allowed:
            return node_id
        node = self.node(node_id, discovered)
        if label == "State" and "Party" in allowed:
            return self.ruling_party(node_id)
        if label in ("Party", "Person", "Organization") and "State" in allowed and node is not None and node.country:
            if label != "Organization" and self.label(node.country, discovered) == "State":
                return node.country
        return None

    # -- descriptions of events and documents ------------------------------------

    def describe(
        self,
        head: str,
        kind: str,
        words: set[str],
        year: int | None,
        place: str | None,
        plural: bool,
        context_year: int | None,
        memory: Memory,
        discovered: dict[str, Node],
        of_event: str | None = None,
    ) -> tuple[str, ...]:
        """The Event(s) or Document(s) a common-noun phrase means, or () where unsure.

        `head` is the phrase's noun ('meeting', 'declaration', 'documents'),
        `words` its other words (folded, lower case), `year`/`place` what it says of
        time and place, `of_event` the event an 'of the meeting' attaches it to.
        """
        head = head.lower()
        singular = head[:-1] if head.endswith("s") and head not in ("talks", "negotiations", "celebrations", "accords", "theses") else head
        pool = self.events if kind == "Event" else self.documents
        pool = pool + [n for n in discovered.values() if n.label == kind]
        generic = singular in ("event", "document")
        primary, secondary = [], []
        for n in pool:
            nwords = self._words.get(n.id) or {w for w in fold(n.name).lower().split()} | {fold(n.kind or "").lower()}
            if not generic and singular not in nwords:
                continue
            if any(w not in nwords for w in words):
                continue
            own = set(fold(n.name).lower().replace("-", " ").split()) | set(fold(n.kind or "").lower().split())
            (primary if generic or singular in own else secondary).append(n)
        # the one this text has called so, last named first; else one whose own name says so
        called = [n for n in primary + secondary if n.id in memory.mentioned and (generic or singular in memory.called.get(n.id, ()) or head in memory.called.get(n.id, ()))]
        cands = primary or secondary
        if called and not (year or place or words or of_event):
            cands = [max(called, key=lambda n: memory.mentioned[n.id])]
        when = (lambda n: n.start) if kind == "Event" else (lambda n: n.date)
        if of_event is not None:
            ev = self.node(of_event, discovered)
            ev_year = (ev.start or "")[:4] if ev else ""
            if ev_year:
                cands = [n for n in cands if (when(n) or "")[:4] == ev_year]
        if year is not None:
            cands = [n for n in cands if (when(n) or "")[:4] == str(year)]
        if place is not None:
            cands = [n for n in cands if n.place in (None, place) or place in self._words.get(n.id, set())]
        if not cands:
            return ()
        if plural and len(cands) > 1 and (of_event is not None or year is not None):
            return tuple(sorted(n.id for n in cands))
        explicit = bool(words) or year is not None or place is not None or of_event is not None
        if len(cands) == 1 and explicit:
            return (cands[0].id,)
        seen = [n for n in cands if n.id in memory.mentioned]
        if seen:
            best = max(seen, key=lambda n: memory.mentioned[n.id])
            return (best.id,)
        if context_year is not None:
            same = [n for n in cands if (when(n) or "")[:4] == str(context_year)]
            if len(same) == 1:
                return (same[0].id,)
            if plural and len(same) > 1:
                return tuple(sorted(n.id for n in same))
        return ()

    def same_event_other_year(self, node_id: str, year: int, text: str) -> str | None:
        """The gazetteer event of `year`, of the same kind as `node_id`, whose names hold every word of
        `text` ('Moscow meeting' in 1960 -> the 1960 meeting); None if there is not exactly one."""
        node = self.gaz[node_id].node if node_id in self.gaz else None
        if node is None:
            return None
        words = {w.strip("'’()") for w in fold(text).lower().replace("-", " ").split()} - {"the", "of", "and"}
        hits = [
            n.id
            for n in self.events
            if n.id != node_id and (n.start or "")[:4] == str(year) and n.kind == node.kind and words <= self._words.get(n.id, set())
        ]
        return hits[0] if len(hits) == 1 else None
