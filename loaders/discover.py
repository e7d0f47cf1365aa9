"""Actors nobody listed: new people, parties, congresses, conferences and documents found by name shape.

A text the gazetteer has never seen names new actors. They are found from the
shape of their names, never from a list of them:

- parties: capitalized names with a party word ("Communist Party of Slovakia",
  "Slovak Communist Party", "Workers' Party of Vietnam", "League of Communists
  of ...");
- congresses: "the Fourteenth Congress of the Communist Party of
  Czechoslovakia", "the party's 14th Congress": one node per ordinal and party,
  however it is written;
- conferences, meetings and documents: capitalized names with an event or
  document word ("the Bratislava Conference", "the Warsaw Letter") or a place
  before a lower-case one ("the Čierna meeting"); the year is part of the id, so
  two conferences of one kind in different years or cities stay two nodes;
- people: capitalized names next to a title or a role word ("Prime Minister
  Georgii Malenkov", "the Slovak hardliner Vasil Biľak", "Egypt's Gamal Abdel
  Nasser", "Ota Šik, the economist").

Every node found is marked ``discovered: true``. Once found, a name is
recognised anywhere in the same text, a person also by their surname alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from graph.model import Node, slugify
from loaders.gazetteer import Gazetteer
from loaders.mentions import fold

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40}
_ORD_DIGITS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$", re.I)
_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "y", "bin", "al", "el", "ibn", "dos", "das", "del"}
_CONNECTORS = {"of", "the", "and", "for"}
_INITIAL = re.compile(r"^[A-Z]\.$")
_FUNCTION = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "during", "after", "before", "following", "yet", "but",
    "and", "or", "meanwhile", "however", "although", "while", "whilst", "when", "unlike", "like", "as", "under",
    "within", "since", "only", "even", "still", "later", "now", "then", "this", "that", "these", "those", "despite",
    "moreover", "officially", "just", "not", "both", "neither", "either", "his", "her", "its", "their", "our", "my",
    "some", "many", "most", "few", "several", "all", "each", "every", "no", "if", "unless", "whether", "with",
    "without", "through", "between", "among", "against", "towards", "toward", "into", "upon", "over", "to", "of",
    "he", "she", "it", "they", "we", "i", "you", "there", "here", "what", "who", "whom", "which", "where", "why",
    "how", "thus", "so", "because", "once", "until", "indeed", "instead", "also", "already", "soon", "nor", "by",
    "two", "three", "four", "five", "six", "ten", "one", "first", "last", "next", "new", "another", "such", "much",
    "more", "less", "never", "always", "perhaps", "certainly", "ultimately", "eventually", "finally", "initially",
    "subsequently", "shortly", "nevertheless", "nonetheless", "accordingly", "therefore", "hence", "long", "later",
    "earlier", "again", "ironically", "unfortunately", "fortunately", "clearly", "publicly", "privately", "secretly",
    "chanting", "dispensing", "discussing", "using", "seeing", "lending", "facing", "having", "being", "given",
    "according", "besides", "above", "below", "beyond", "around", "across", "along", "amid", "behind", "near",
    "out", "up", "off", "away", "back", "down", "about", "per", "via", "is", "was", "were", "are", "be", "had",
    "has", "have", "do", "did", "does", "would", "could", "should", "may", "might", "must", "will", "shall", "can",
    "mr", "mrs", "ms", "dr", "keywords", "see", "note", "notes", "part", "chapter", "section", "table", "figure",
}
_NOT_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "communist",
    "communists", "socialist", "socialists", "party", "parties", "workers", "people", "peoples", "republic",
    "democratic", "soviet", "union", "revolution", "revolutionary", "war", "crisis", "report", "plan", "movement",
    "bloc", "camp", "front", "army", "government", "state", "committee", "central", "congress", "conference",
    "meeting", "plenum", "declaration", "treaty", "pact", "manifesto", "letter", "statement", "programme",
    "program", "doctrine", "east", "west", "north", "south", "eastern", "western", "northern", "southern",
    "europe", "asia", "africa", "america", "middle", "cold", "great", "world", "international", "national",
    "marxism", "leninism", "marxist", "leninist", "stalinism", "stalinist", "maoism", "maoist", "titoism",
    "titoist", "trotskyism", "trotskyist", "thaw", "spring", "summer", "autumn", "winter", "god", "church",
    "kremlin", "politburo", "presidium", "secretariat", "bureau", "council", "ministry", "minister", "president",
    "premier", "chairman", "secretary", "general", "marshal", "comrade", "embassy", "academy", "university",
    "institute", "radio", "square", "street", "city", "province", "region", "district", "river", "sea", "ocean",
    "island", "islands", "mountains", "square", "palace", "hall", "park", "circle", "club", "society", "league",
    "organization", "organisation", "agency", "office", "police", "security", "service", "forces", "guard",
    "guards", "red", "white", "black", "new", "old", "first", "second", "third", "secret", "speech", "day",
    "days", "year", "years", "century", "anniversary", "celebration", "celebrations", "parade", "affair",
    "incident", "uprising", "rebellion", "revolt", "purge", "trial", "trials", "campaign", "leap", "forward",
    "hundred", "flowers", "cultural", "proletarian", "proletariat", "dictatorship", "opposition", "group",
    "faction", "line", "course", "policy", "road", "path", "way", "question", "problem", "issue", "affairs",
    "economy", "economic", "political", "military", "foreign", "domestic", "internal", "external", "public",
    "private", "history", "historical", "experience", "experiences", "lesson", "lessons", "victory", "defeat",
}


@dataclass
class DocNames:
    """The names a document has given so far, folded, mapped to node ids."""

    full: dict[tuple[str, ...], str] = field(default_factory=dict)
    surnames: dict[str, str | None] = field(default_factory=dict)  # None: two people share it
    longest: int = 1

    def add(self, tokens: tuple[str, ...], node_id: str) -> None:
        if not tokens:
            return
        self.full.setdefault(tokens, node_id)
        self.longest = max(self.longest, len(tokens))

    def add_person(self, tokens: tuple[str, ...], node_id: str) -> None:
        self.add(tokens, node_id)
        if len(tokens) >= 2:
            last = tokens[-1]
            if len(last) > 2 and not _INITIAL.match(last):
                prev = self.surnames.get(last, node_id)
                self.surnames[last] = node_id if prev == node_id else None

    def match(self, doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
        """Longest known names in `doc` on tokens not already taken (token spans and ids)."""
        out = []
        n = len(doc)
        i = 0
        while i < n:
            if taken[i] or not doc[i].text[:1].isupper():
                i += 1
                continue
            hit = None
            for k in range(min(self.longest, n - i), 0, -1):
                if any(taken[i : i + k]):
                    continue
                key = tuple(doc[j].norm_ for j in range(i, i + k))
                node_id = self.full.get(key)
                if node_id is None and k == 1:
                    node_id = self.surnames.get(key[0])
                if node_id is not None:
                    hit = (i, i + k, node_id)
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out


def ordinal(word: str) -> int | None:
    """'Twentieth' -> 20, '22nd' -> 22, 'Twenty-Second' -> 22."""
    w = word.lower()
    m = _ORD_DIGITS.match(w)
    if m:
        return int(m.group(1))
    if w in _ORDINALS:
        return _ORDINALS[w]
    parts = re.split(r"[-\s]+", w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINALS and _ORDINALS[parts[1]] < 10:
        return _TENS[parts[0]] + _ORDINALS[parts[1]]
    return None


@dataclass(frozen=True)
class Found:
    """A name found in a block: token span, the node it names, and for people the cue that told."""

    start: int
    end: int
    node_id: str
    label: str


class Discoverer:
    """Built once per load; `find` reads one parsed block at a time."""

    def __init__(self, gazetteer: Gazetteer, lexicon, resolver):
        self.gaz = gazetteer
        self.lex = lexicon
        self.resolver = resolver
        self.forms: dict[str, set[str]] = {}
        for form, node_id in gazetteer.surface_forms():
            self.forms.setdefault(_key(fold(form).lower()), set()).add(node_id)
        self.titles = sorted((tuple(fold(t).lower().rstrip(".").split()) for t in lexicon.titles), key=len, reverse=True)
        self.person_words = {w.lower() for w in lexicon.person_words} | {w for r in lexicon.roles.values() for f in r["forms"] for w in [f.split()[-1]]}
        self.event_heads = {w.lower() for w in lexicon.event_heads}
        self.doc_heads = {w.lower() for w in lexicon.document_heads}
        self.org_heads = {w.lower() for w in lexicon.organization_heads}
        self.party_words = {w.lower() for w in lexicon.party_name_words}
        self._name_heads = self.event_heads | self.doc_heads | self.org_heads | self.party_words | {"communist", "communists", "workers", "socialist", "peoples", "people", "labour", "labor"}
        # Congresses of the gazetteer by (ordinal, party): "Twentieth Congress of the CPSU" is the 20th-congress-of-the-cpsu.
        self.congress: dict[tuple[int, str], str] = {}
        for e in gazetteer.by_label("Event"):
            for form in (e.node.name, *e.node.aliases):
                key = self._congress_key(fold(form).lower().split())
                if key:
                    self.congress.setdefault(key, e.id)

    # -- helpers ------------------------------------------------------------------

    def _label(self, node_id: str) -> str | None:
        """The label of a gazetteer node (None for a node this text discovered)."""
        return self.gaz[node_id].node.label if node_id in self.gaz else None

    def _party_in(self, words: list[str]) -> str | None:
        """The gazetteer party named by the words after 'of (the)' in a congress name."""
        for k in range(len(words), 0, -1):
            ids = self.forms.get(_key(" ".join(words[:k])))
            if ids and len(ids) == 1:
                (node_id,) = ids
                if self.gaz[node_id].node.label == "Party":
                    return node_id
        return None

    def _congress_key(self, words: list[str]) -> tuple[int, str] | None:
        words = [w.strip("'’") for w in words]
        if "congress" not in words:
            return None
        i = words.index("congress")
        n = None
        for w in reversed(words[max(0, i - 3) : i]):
            n = ordinal(w) or (ordinal(w.replace("-", " ")) if "-" in w else None)
            if n:
                break
        if n is None:
            return None
        rest = words[i + 1 :]
        if rest[:1] == ["of"]:
            rest = rest[1:]
            if rest[:1] == ["the"]:
                rest = rest[1:]
            party = self._party_in(rest)
        else:
            party = self._party_in([w for w in words[: max(0, i - 1)] if w not in ("the",)][-6:])
        return (n, party) if party else None

    # -- the search ---------------------------------------------------------------

    def chunks(self, doc: Doc, taken: list[bool]) -> list[tuple[int, int]]:
        """Maximal runs of capitalized words (with 'of', 'the', 'and' between them and initials inside)."""
        out = []
        n = len(doc)
        i = 0
        while i < n:
            t = doc[i]
            if not _capital(t.text) and not (_ORD_DIGITS.match(t.text) and i + 1 < n and _capital(doc[i + 1].text)):
                i += 1
                continue
            j = i + 1
            while j < n:
                w = doc[j].text
                if _capital(w) or _INITIAL.match(w):
                    j += 1
                elif w in ("-", "\u2013") and doc[j - 1].whitespace_ == "" and j + 1 < n and _capital(doc[j + 1].text) and doc[j].whitespace_ == "":
                    j += 2
                elif w in ("'", "\u2019") and doc[j - 1].whitespace_ == "" and doc[j - 1].text.endswith("s"):
                    j += 1
                elif w in ("'s", "\u2019s") and doc[j - 1].text in ("People", "Workers", "Peoples", "Women", "Working"):
                    j += 1
                elif (w.lower() in _CONNECTORS or w.lower() in _PARTICLES) and j + 1 < n and (_capital(doc[j + 1].text) or (doc[j + 1].text.lower() == "the" and j + 2 < n and _capital(doc[j + 2].text))):
                    if w.lower() == "and" and not any(fold(doc[x].text).lower().strip("'\u2019") in self._name_heads for x in range(i, j)):
                        break  # "Andrija Hebrang and Sreten Žujović": two names, not one
                    if w.lower() == "and" and doc[j + 1].text.lower() == "the":
                        break  # "the Bucharest Conference and the Moscow Meeting": two names
                    if w.lower() == "the" and doc[j - 1].text.lower() not in ("of", "for"):
                        break  # "On 22 August the Extraordinary Congress": 'the' joins a name only after 'of' / 'for'
                    j += 1
                else:
                    break
            while j > i + 1 and doc[j - 1].text.lower() in _CONNECTORS | _PARTICLES:
                j -= 1
            out.append((i, j))
            i = max(j, i + 1)
        return out

    def find(
        self,
        doc: Doc,
        known: list[tuple[int, int, str]],
        sentence_years: list[tuple[int, int, int | None]],
        names: DocNames,
        discovered: dict[str, Node],
        phrases: list[tuple[int, int]] = (),
    ) -> list[Found]:
        """New names in one block. `known`: spans of gazetteer mentions (start, end, id) in the block;
        `sentence_years`: (start token, end token, year the sentence's dates or the narrative give);
        `phrases`: spans of relation phrases (a name-shaped run right before or after one is a person)."""
        n = len(doc)
        owner = [None] * n  # token -> gazetteer id
        for a, b, node_id in known:
            for k in range(a, b):
                owner[k] = node_id
        found: list[Found] = []
        left: list[tuple[int, int]] = []
        for a, b in self.chunks(doc, [False] * n):
            got = self._classify(doc, a, b, owner, sentence_years, names, discovered)
            found.extend(got)
            if not got:
                left.append((a, b))
        # People by position: a name-shaped run that acts ("X and Y supported ..."), is acted on
        # ("expelled the pro-Soviet X"), or is listed with a person ("X and Y", "X, Y").
        starts = {a for a, _ in phrases}
        ends = {b for _, b in phrases}
        persons = {(f.start, f.end) for f in found if f.label == "Person"} | {(a, b) for a, b, i in known if self._label(i) == "Person"}
        for _ in range(2):
            for a, b in list(left):
                if self._acts(doc, a, b, starts, left, persons) or self._acted_on(doc, a, ends) or self._listed_with(doc, a, b, persons):
                    got = self._person(doc, a, b, owner, names, discovered, cue="position")
                    if got:
                        found.extend(got)
                        persons.add((got[0].start, got[0].end))
                        left.remove((a, b))
        return found

    def _acts(self, doc: Doc, a: int, b: int, starts: set[int], chunks, persons) -> bool:
        """A run right before a phrase, or first of a list that ends right before one."""
        k = b
        while k < len(doc):
            if k in starts:
                return True
            if doc[k].text in (",", "and") or doc[k].text.endswith("ly") and doc[k].is_lower:
                k += 1
                continue
            nxt = [(x, y) for x, y in chunks if x == k] + [(x, y) for x, y in persons if x == k]
            if nxt:
                k = nxt[0][1]
                continue
            return False
        return False

    def _acted_on(self, doc: Doc, a: int, ends: set[int]) -> bool:
        """A run right after a phrase, past a determiner and an adjective ('expelled the pro-Soviet X')."""
        k = a - 1
        steps = 0
        while k >= 0 and steps < 5:
            if k + 1 in ends:
                return True
            t = doc[k]
            if t.text.lower() in ("the", "a", "an") or t.text in ("-", "\u2013") or (t.is_lower and t.is_alpha and steps < 3) or self.resolver.state_of(t.text):
                k -= 1
                steps += 1
                continue
            return False
        return k + 1 in ends

    def _listed_with(self, doc: Doc, a: int, b: int, persons) -> bool:
        """'X and Y' where the other one is a person."""
        if b + 1 < len(doc) and doc[b].text == "and" and any(x == b + 1 for x, _ in persons):
            return True
        if a - 2 >= 0 and doc[a - 1].text == "and" and any(y == a - 1 for _, y in persons):
            return True
        return False

    def _year_near(self, doc: Doc, a: int, b: int, sentence_years) -> int | None:
        for k in range(a, min(b + 8, len(doc))):
            t = doc[k].text
            if re.fullmatch(r"1[6-9]\d\d|20\d\d", t):
                return int(t)
        if a > 0 and re.fullmatch(r"1[6-9]\d\d|20\d\d", doc[a - 1].text):
            return int(doc[a - 1].text)
        for s, e, year in sentence_years:
            if s <= a < e:
                return year
        return None

    def _classify(self, doc: Doc, a: int, b: int, owner, sentence_years, names: DocNames, discovered) -> list[Found]:
        toks = [doc[k].text for k in range(a, b)]
        low = [fold(t).lower() for t in toks]
        # Leading function words capitalized at a sentence start are not part of a name.
        while a < b and low[0] in _FUNCTION and not (low[0] in ("the",) and len(low) > 1 and low[1] in self.party_words):
            a += 1
            toks, low = toks[1:], low[1:]
        if a >= b:
            return []
        span_owner = {owner[k] for k in range(a, b)}
        if len(span_owner) == 1 and None not in span_owner:
            return []  # exactly a gazetteer name
        words = set(low)
        # Names made of others: a title + a name, an organization + a title + a name: split at titles.
        title_at = self._title_positions(low)
        if title_at:
            out = []
            prev = 0
            for t0, t1 in title_at:
                if t0 > prev:
                    out += self._classify(doc, a + prev, a + t0, owner, sentence_years, names, discovered)
                prev = t1
            rest = (a + prev, b)
            if rest[1] > rest[0]:
                out += self._person(doc, rest[0], rest[1], owner, names, discovered, cue="title")
            return out
        if words & self.party_words or ("league" in words and "communists" in words):
            head = self._head_before_of(low)
            if head in self.event_heads:
                return self._event(doc, a, b, owner, sentence_years, names, discovered, low)
            if head in self.org_heads and head not in ("league", "front", "union"):
                return self._organization(doc, a, b, owner, names, discovered)
            return self._party(doc, a, b, owner, names, discovered, low)
        if words & {h for h in self.event_heads if h not in ("event", "talks", "negotiations", "celebrations", "rally", "forum", "assembly")}:
            return self._event(doc, a, b, owner, sentence_years, names, discovered, low)
        if words & {h for h in self.doc_heads if h not in ("document", "documents", "report", "editorial", "statement")} and len(low) >= 2:
            return self._document(doc, a, b, owner, sentence_years, names, discovered)
        # A place or a name before a lower-case event word: "the Bratislava meeting".
        if b < len(doc) and doc[b].text.lower() in self.event_heads and doc[b].text.islower() and b - a <= 3:
            if all(o is None or self._label(o) == "State" for o in span_owner):
                return self._event(doc, a, b + 1, owner, sentence_years, names, discovered, low + [doc[b].text.lower()])
        return self._person(doc, a, b, owner, names, discovered, cue=None)

    def _title_positions(self, low: list[str]) -> list[tuple[int, int]]:
        out = []
        i = 0
        while i < len(low):
            for t in self.titles:
                if tuple(x.rstrip(".") for x in low[i : i + len(t)]) == t:
                    # a title only when a name follows it
                    if i + len(t) < len(low):
                        out.append((i, i + len(t)))
                    i += len(t) - 1
                    break
            i += 1
        return out

    def _head_before_of(self, low: list[str]) -> str | None:
        cut = low.index("of") if "of" in low else len(low)
        heads = [w for w in low[:cut] if w in self.event_heads or w in self.org_heads or w in self.party_words]
        return heads[-1] if heads else None

    def _register(self, names: DocNames, doc: Doc, a: int, b: int, node: Node, discovered: dict[str, Node]) -> Found:
        if node.id not in self.gaz:
            old = discovered.get(node.id)
            discovered[node.id] = old.merged(node) if old else node
        key = tuple(doc[k].norm_ for k in range(a, b))
        if node.label == "Person":
            names.add_person(key, node.id)
        else:
            names.add(key, node.id)
            if doc[a].text.lower() == "the":
                names.add(key[1:], node.id)
        return Found(a, b, node.id, node.label)

    def _party(self, doc, a, b, owner, names, discovered, low) -> list[Found]:
        while a < b and low[0] == "the":
            a, low = a + 1, low[1:]
        # Trim what follows the name: "Communist Party of Czechoslovakia Presidium" stays whole only if it ends a name.
        text = _surface(doc, a, b)
        if len(low) < 2:
            return []
        ids = self.forms.get(_key(" ".join(low)))
        if ids and len(ids) == 1:
            return []
        country = None
        for k in range(a, b):
            o = owner[k]
            if o and self._label(o) == "State":
                country = o
            elif doc[k].text and self.resolver.state_of(doc[k].text):
                country = country or self.resolver.state_of(doc[k].text)
        if country is None and "of" not in low:
            return []  # "the Communist Party": a common noun in capitals, not a new party
        if any(owner[k] and self._label(owner[k]) == "Person" for k in range(a, b)):
            return []  # "Palmiro Togliatti of the Italian Communist Party": a person and his party, not a new party
        node_id = slugify(text)
        if node_id in self.gaz:
            return []
        node = Node(id=node_id, label="Party", name=text, country=country, discovered=True)
        return [self._register(names, doc, a, b, node, discovered)]

    def _organization(self, doc, a, b, owner, names, discovered) -> list[Found]:
        text = _surface(doc, a, b).removeprefix("the ").removeprefix("The ")
        node_id = slugify(text)
        if node_id in self.gaz or b - a < 2:
            return []
        node = Node(id=node_id, label="Organization", name=text, discovered=True)
        return [self._register(names, doc, a, b, node, discovered)]

    def _event(self, doc, a, b, owner, sentence_years, names, discovered, low) -> list[Found]:
        if low and low[0] == "the":
            a, low = a + 1, low[1:]
        text = _surface(doc, a, b)
        key = self._congress_key([fold(doc[k].text).lower() for k in range(a, b)])
        if key is None and "congress" in low:
            # "the party's Fourteenth Congress": the party is the possessor before the name
            if a >= 2 and doc[a - 1].text in ("'s", "\u2019s") and owner[a - 2]:
                key = self._congress_key([w for w in low] + ["of"] + [fold(doc[a - 2].text).lower()])
        if key is not None:
            existing = self.congress.get(key)
            if existing:
                node = self.gaz[existing].node
                return [self._register(names, doc, a, b, node, discovered)]
            n, party = key
            pname = self.gaz[party].node.name
            node_id = slugify(f"{_ordinal_name(n)} congress of the {pname}" if not pname.lower().startswith("the ") else f"{_ordinal_name(n)} congress of {pname}")
            node = Node(id=node_id, label="Event", name=f"{_ordinal_name(n)} Congress of the {pname}", aliases=(text,), kind="congress", discovered=True)
            return [self._register(names, doc, a, b, node, discovered)]
        if len(low) < 2 and not any(c.isupper() for c in text[1:]):
            return []
        ids = self.forms.get(_key(" ".join(low)))
        if ids:
            return []
        year = self._year_near(doc, a, b, sentence_years)
        same = self._gazetteer_event(low, year)
        if same is not None:
            return [self._register(names, doc, a, b, self.gaz[same].node, discovered)]
        place = None
        for k in range(a, b):
            if owner[k] and self._label(owner[k]) == "State":
                place = owner[k]
            elif self.resolver.state_of(doc[k].text):
                place = place or self.resolver.state_of(doc[k].text)
        base = slugify(text)
        node_id = base if (year is None or str(year) in base) else f"{base}-{year}"
        head = next((w for w in reversed(low) if w in self.event_heads), None)
        node = Node(id=node_id, label="Event", name=text, kind=head, start=str(year) if year else None, place=place, discovered=True)
        return [self._register(names, doc, a, b, node, discovered)]

    def _gazetteer_event(self, low: list[str], year: int | None) -> str | None:
        """A gazetteer event of `year` whose names hold every word of `low` ('Moscow Conference of 1960')."""
        if year is None:
            return None
        words = {w for w in low if w not in ("the", "of", "and", "in", "for") and not w.isdigit()}
        hits = []
        for n in self.resolver.events:
            if (n.start or "")[:4] != str(year):
                continue
            if words <= self.resolver._words.get(n.id, set()):
                hits.append(n.id)
        return hits[0] if len(hits) == 1 else None

    def _document(self, doc, a, b, owner, sentence_years, names, discovered) -> list[Found]:
        if doc[a].text.lower() == "the":
            a += 1
        text = _surface(doc, a, b)
        low = [fold(doc[k].text).lower() for k in range(a, b)]
        if self.forms.get(_key(" ".join(low))):
            return []
        year = self._year_near(doc, a, b, sentence_years)
        base = slugify(text)
        node_id = base if (year is None or str(year) in base) else f"{base}-{year}"
        head = next((w for w in reversed(low) if w in self.doc_heads), None)
        node = Node(id=node_id, label="Document", name=text, kind=head, date=str(year) if year else None, discovered=True)
        return [self._register(names, doc, a, b, node, discovered)]

    def _person(self, doc, a, b, owner, names, discovered, cue: str | None) -> list[Found]:
        while a < b and self.resolver.state_of(doc[a].text) and owner[a] is None:
            a += 1  # "the pro-Soviet Liri Belishova": the demonym qualifies the name
        toks = [doc[k].text for k in range(a, b)]
        low = [fold(t).lower() for t in toks]
        if not toks or any(w in _NOT_NAMES or w in _FUNCTION for w in low if not _INITIAL.match(w.upper() if len(w) == 2 else w)):
            return []
        if any(owner[k] is not None for k in range(a, b)):
            # a known person at the end of the run: "Iosip Broz Tito" is Tito; anything else is not a new person
            last = owner[b - 1]
            if last and self._label(last) == "Person" and all(owner[k] in (None, last) for k in range(a, b)):
                return [self._register(names, doc, a, b, self.gaz[last].node, discovered)]
            return []
        if self.resolver.state_of(toks[0]) or any(self.resolver.state_of(t) for t in toks):
            return []
        words = [t for t in toks if not _INITIAL.match(t) and t.lower() not in _PARTICLES and t not in ("-", "\u2013")]
        if not words or len(words) > 4:
            return []
        country = None
        if cue is None:
            cue, country = self._cue_before(doc, a, owner)
        if cue is None:
            cue = self._cue_after(doc, b)
        if cue is None:
            known = names.full.get(tuple(doc[k].norm_ for k in range(a, b)))
            if known:
                return [Found(a, b, known, "Person")]
            return []
        if len(words) == 1 and cue not in ("title", "role"):
            return []
        if cue in ("position", "listed") and not all(_name_word(w) for w in words):
            return []
        name = _surface(doc, a, b)
        node_id = slugify(name)
        if node_id in self.gaz:
            return []
        node = Node(id=node_id, label="Person", name=name, country=country, discovered=True)
        return [self._register(names, doc, a, b, node, discovered)]

    def _cue_before(self, doc: Doc, a: int, owner) -> tuple[str | None, str | None]:
        """A role word, a title or a State's possessive right before a name."""
        k = a - 1
        if k >= 0 and doc[k].text in (",",):
            k -= 1
        if k < 0:
            return None, None
        w = doc[k].text
        lw = fold(w).lower()
        if lw in self.person_words and w.islower():
            country = None
            for j in range(max(0, k - 3), k):
                s = self.resolver.state_of(doc[j].text)
                if s:
                    country = s
            return "role", country
        if lw == "by" and k > 0 and fold(doc[k - 1].text).lower() in ("led", "headed", "chaired", "commanded", "directed"):
            return "role", None  # "Conservatives, led by Vasil Biľak and Alois Indra"
        if lw in ("them", "whom") and k > 0 and doc[k - 1].text.lower() == "among" or lw in ("including", "notably", "namely") and k > 0 and doc[k - 1].text == ",":
            return "listed", None  # "the members of his Politburo, among them Liri Belishova and Koço Tashko"
        if lw in ("and", ",") or (lw == "and" and k > 0):
            return None, None
        if w in ("'s", "\u2019s") and k > 0 and owner[k - 1] and self._label(owner[k - 1]) == "State":
            return "possessive", owner[k - 1]
        return None, None

    def _cue_after(self, doc: Doc, b: int) -> str | None:
        """An appositive role right after a name: 'Ota Šik, the economist', 'X, a reformist communist'."""
        if b + 2 < len(doc) and doc[b].text == "," and doc[b + 1].text.lower() in ("the", "a", "an", "one"):
            for k in range(b + 2, min(b + 6, len(doc))):
                w = doc[k].text.lower()
                if w in self.person_words:
                    return "apposition"
                if not doc[k].text.isalpha() or (doc[k].text[:1].isupper() and not self.resolver.state_of(doc[k].text)):
                    break
        return None


def _key(text: str) -> str:
    """A folded name as a look-up key: "workers ' party" and "workers' party" are one."""
    return re.sub(r"\s*(['\u2019])\s*", r"\1", re.sub(r"\s+", " ", text)).strip()


def _name_word(text: str) -> bool:
    """Shaped like a personal name: capitalized letters only (no digits, not all capitals)."""
    return text[:1].isupper() and text.replace("'", "").replace("\u2019", "").isalpha() and not text.isupper() and len(text) > 1


def _capital(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text) and not (len(text) > 1 and text.isupper() and len(text) <= 1)


def _surface(doc: Doc, a: int, b: int) -> str:
    return doc[a:b].text


def _ordinal_name(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
