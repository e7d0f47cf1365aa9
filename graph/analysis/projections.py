"""Projections: the property graph seen as a simple undirected network of actors.

Every analysis (factions, alignments, centrality, pictures) runs on one of these,
and every report names the one it used (``Projection.describe()``), so that a
reader knows what a tie in the result stands for.

Kinds (``KINDS``):

* ``signed``: interaction relations (SUPPORTED, OPPOSED, ...); a pair's weight is
  the sum of the polarities of all relations between the two, in either direction.
* ``positive``: cooperation (relations of polarity +1, one per relation) plus
  co-attendance (see below): the ground of community detection.
* ``co-attendance``: two actors attended the same event (directly, through a
  delegation they headed or sat in, or through the delegation of their party);
  each event adds ``1/(n-1)`` to each pair of its n attendees, so a meeting of
  64 parties does not outweigh a bilateral one.
* ``co-membership``: two actors are members of the same party, organization or
  delegation; weighted ``1/(n-1)`` the same way.
* ``ties``: any relation between two actors, structural or signed, unsigned,
  weight = number of relations (what centrality runs on by default).

Levels (``LEVELS``): ``actor`` keeps people, parties and states apart;
``party`` maps each person to the party they led or belonged to at the date of
the relation (``LEADER_OF``/``MEMBER_OF`` with their dates, then the node's
``party``, then the delegation they sat in) and each state with a single ruling
party to that party; ``country`` maps everyone to their state (a party's
``country`` or ``PARTY_OF``). Delegations always stand for the party they
represented. An actor that cannot be mapped stays as itself (and is counted).

One statement counts once: two relations of the same type between the same two
projected actors resting on exactly the same quotes ("Hoxha broke with Moscow"
read as Hoxha -> Soviet Union and as Soviet Union -> Albania) are one tie.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable

import networkx as nx

from graph.model import INTERACTION

ACTOR_LABELS = ("Person", "Party", "State", "Organization")
LEVELS = ("actor", "party", "country")
KINDS = ("signed", "positive", "co-attendance", "co-membership", "ties")
STRUCTURAL_TIES = ("LEADER_OF", "MEMBER_OF", "PARTY_OF", "SUCCEEDED", "HEADED", "DELEGATE_IN", "REPRESENTED")


# -- dates ------------------------------------------------------------------
def date_lo(iso: str) -> str:
    """The first day an ISO prefix can mean: '1956' -> '1956-01-01'."""
    return iso + "-01-01"[len(iso) - 4 :] if len(iso) < 10 else iso


def date_hi(iso: str) -> str:
    """The last day an ISO prefix can mean: '1956' -> '1956-12-31' (months end on the 31st, for comparisons)."""
    return iso + "-12-31"[len(iso) - 4 :] if len(iso) < 10 else iso


def relation_span(attrs: dict[str, Any]) -> tuple[str, str] | None:
    """(first day, last day) of a relation from its `date` or `start`/`end`; None when undated."""
    lo = attrs.get("date") or attrs.get("start")
    hi = attrs.get("date") or attrs.get("end") or attrs.get("start")
    if not lo and not hi:
        return None
    lo = lo or hi
    hi = hi or lo
    return date_lo(str(lo)), date_hi(str(hi))


def relation_date(attrs: dict[str, Any]) -> str | None:
    """The date a relation is listed under: `date`, else `start`, else None."""
    d = attrs.get("date") or attrs.get("start")
    return str(d) if d else None


@dataclass(frozen=True)
class Window:
    """Which dated relations count: those overlapping [start, end]; undated ones only when asked.

    With no bound set every relation counts, dated or not. With a bound, an
    undated relation cannot be placed in time and is left out unless
    ``undated=True``.
    """

    start: str | None = None
    end: str | None = None
    undated: bool = False
    label: str = ""  # how it was asked for: "as of 1957", "1956..1957", "1957"

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None

    def admits(self, attrs: dict[str, Any]) -> bool:
        if not self.bounded:
            return True
        span = relation_span(attrs)
        if span is None:
            return self.undated
        lo, hi = span
        if self.start is not None and hi < date_lo(self.start):
            return False
        if self.end is not None and lo > date_hi(self.end):
            return False
        return True

    def describe(self) -> str:
        if not self.bounded:
            return "all dates"
        text = self.label or f"{self.start or '…'}..{self.end or '…'}"
        return text + (" (undated included)" if self.undated else "")

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "undated": self.undated, "label": self.describe()}


def window(as_of: str | None = None, date_from: str | None = None, date_to: str | None = None, undated: bool = False) -> Window:
    """A window from the CLI's --as-of / --from / --to (as-of D means everything up to D)."""
    if as_of is not None:
        if date_from is not None or date_to is not None:
            raise ValueError("--as-of cannot be combined with --from/--to")
        return Window(None, as_of, undated, f"as of {as_of}")
    if date_from is None and date_to is None:
        return Window(undated=undated)
    label = f"{date_from or '…'}..{date_to or '…'}"
    return Window(date_from, date_to, undated, label)


def year_window(year: int, undated: bool = False) -> Window:
    return Window(str(year), str(year), undated, str(year))


# -- mapping actors to levels ----------------------------------------------
class ActorMap:
    """Maps a node to the actor it stands for at a level, at a date."""

    def __init__(self, g: nx.MultiDiGraph, level: str = "actor"):
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r} (one of {', '.join(LEVELS)})")
        self.g = g
        self.level = level
        self.label = {n: d.get("label") for n, d in g.nodes(data=True)}
        self.delegation_party: dict[str, str] = {}
        self.memberships: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)  # person -> (rank, lo, hi, party)
        self.delegations_of: dict[str, list[str]] = defaultdict(list)  # person -> delegations
        self.party_state: dict[str, str] = {}
        self.leads_state: dict[str, list[str]] = defaultdict(list)
        parties_of_state: dict[str, set[str]] = defaultdict(set)
        for n, d in g.nodes(data=True):
            if d.get("label") == "Party" and d.get("country") in g:
                self.party_state[n] = d["country"]
        for u, v, d in g.edges(data=True):
            t = d.get("type")
            lu, lv = self.label.get(u), self.label.get(v)
            if t == "REPRESENTED" and lu == "Delegation" and lv == "Party":
                self.delegation_party.setdefault(u, v)
            elif t in ("LEADER_OF", "MEMBER_OF") and lu == "Person" and lv == "Party":
                lo = date_lo(str(d["start"])) if d.get("start") else "0000-00-00"
                hi = date_hi(str(d["end"])) if d.get("end") else "9999-99-99"
                self.memberships[u].append((0 if t == "LEADER_OF" else 1, lo, hi, v))
            elif t == "LEADER_OF" and lu == "Person" and lv == "State":
                self.leads_state[u].append(v)
            elif t in ("HEADED", "DELEGATE_IN") and lu == "Person" and lv == "Delegation":
                self.delegations_of[u].append(v)
            elif t == "PARTY_OF" and lu == "Party" and lv == "State":
                self.party_state.setdefault(u, v)
        for p, s in self.party_state.items():
            parties_of_state[s].add(p)
        self.state_party: dict[str, str] = {}
        for s, ps in parties_of_state.items():
            ruling = sorted(p for p in ps if g.nodes[p].get("ruling") is True)
            if len(ruling) == 1:
                self.state_party[s] = ruling[0]
        for v in self.memberships.values():
            v.sort()
        self.unmapped: set[str] = set()

    def is_actor(self, node: str) -> bool:
        return self.label.get(node) in ACTOR_LABELS or self.label.get(node) == "Delegation"

    def party_of(self, person: str, at: tuple[str, str] | None) -> str | None:
        """The party a person belonged to at a date (leader first, then the latest start)."""
        ms = self.memberships.get(person, [])
        if at is not None:
            lo, hi = at
            live = [m for m in ms if m[1] <= hi and m[2] >= lo]
            if live:
                return sorted(live, key=lambda m: (m[0], _neg(m[1]), m[3]))[0][3]
        node_party = self.g.nodes[person].get("party")
        if node_party in self.g:
            return node_party
        undated = [m for m in ms if m[1] == "0000-00-00" and m[2] == "9999-99-99"]
        if undated:
            return sorted(undated)[0][3]
        if ms and at is None:
            return sorted(ms, key=lambda m: (m[0], _neg(m[1]), m[3]))[0][3]
        for dlg in sorted(self.delegations_of.get(person, [])):
            if dlg in self.delegation_party:
                return self.delegation_party[dlg]
        return None

    def __call__(self, node: str, at: tuple[str, str] | None = None) -> str | None:
        """The actor `node` stands for at this level, or None when it is no actor (an event, a document)."""
        lab = self.label.get(node)
        if lab == "Delegation":
            party = self.delegation_party.get(node)
            if party is None:
                return None
            return self(party, at)
        if lab not in ACTOR_LABELS:
            return None
        if self.level == "actor":
            return node
        if lab == "Person":
            party = self.party_of(node, at)
            if party is not None:
                return party if self.level == "party" else self._state_of_party(party)
            if self.level == "country":
                c = self.g.nodes[node].get("country")
                if c in self.g:
                    return c
                if self.leads_state.get(node):
                    return sorted(self.leads_state[node])[0]
            self.unmapped.add(node)
            return node
        if lab == "Party":
            return node if self.level == "party" else self._state_of_party(node)
        if lab == "State":
            if self.level == "party":
                return self.state_party.get(node, node)
            return node
        # Organization
        if self.level == "country":
            c = self.g.nodes[node].get("country")
            if c in self.g:
                return c
        return node

    def _state_of_party(self, party: str) -> str:
        s = self.party_state.get(party)
        if s is None:
            self.unmapped.add(party)
            return party
        return s


def _neg(iso: str) -> str:
    """A key that sorts ISO dates latest first."""
    return "".join(chr(255 - ord(c)) for c in iso)


# -- the projection ----------------------------------------------------------
@dataclass
class Projection:
    """An undirected actor network and what it was made from.

    Node attributes: ``id``, ``name``, ``label``, ``country``. Edge attributes:
    ``weight`` (sum of polarities for ``signed``, else a positive strength),
    ``positive``/``negative``/``neutral`` (relation counts) and ``ties`` (one
    record per relation or shared event, with its quote and source).
    """

    kind: str
    level: str
    window: Window
    graph: nx.Graph
    min_sources: int = 1
    dropped: dict[str, int] = field(default_factory=dict)
    min_evidence: int = 1

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "level": self.level,
            "window": self.window.describe(),
            "min_sources": self.min_sources,
            "min_evidence": self.min_evidence,
            "nodes": self.graph.number_of_nodes(),
            "edges": self.graph.number_of_edges(),
            "dropped": dict(sorted(self.dropped.items())),
        }

    def title(self) -> str:
        extra = f", relations with >= {self.min_sources} sources" if self.min_sources > 1 else ""
        extra += f", relations with >= {self.min_evidence} quotes" if self.min_evidence > 1 else ""
        return f"{self.kind} projection, {self.level} level, {self.window.describe()}{extra}"


def tie_record(g: nx.MultiDiGraph, u: str, v: str, key: str, d: dict[str, Any]) -> dict[str, Any]:
    """One relation as evidence for a projected tie: who, what, when, and the quote that says so."""
    return {
        "key": key,
        "type": d.get("type"),
        "from": u,
        "from_name": g.nodes[u].get("name", u),
        "to": v,
        "to_name": g.nodes[v].get("name", v),
        "polarity": d.get("polarity"),
        "date": relation_date(d),
        "quote": d.get("quote", ""),
        "source": d.get("source", ""),
        "start_char": d.get("start_char"),
        "end_char": d.get("end_char"),
        "evidence_count": d.get("evidence_count", 1),
        "sources": sorted(set(d.get("sources") or [d.get("source", "")])),
    }


def _sources_of(d: dict[str, Any]) -> int:
    return len(set(d.get("sources") or [d.get("source")]))


def _add_node(h: nx.Graph, g: nx.MultiDiGraph, n: str) -> None:
    if n not in h:
        d = g.nodes[n]
        h.add_node(n, id=n, name=d.get("name", n), label=d.get("label", ""), country=d.get("country"))


def _add_tie(h: nx.Graph, a: str, b: str, weight: float, polarity: int | None, record: dict[str, Any]) -> None:
    if a > b:
        a, b = b, a
    if not h.has_edge(a, b):
        h.add_edge(a, b, weight=0.0, positive=0, negative=0, neutral=0, ties=[])
    e = h.edges[a, b]
    e["weight"] += weight
    if polarity is not None:
        e["positive" if polarity > 0 else "negative" if polarity < 0 else "neutral"] += 1
    e["ties"].append(record)


def project(
    g: nx.MultiDiGraph,
    kind: str = "signed",
    level: str = "party",
    win: Window | None = None,
    min_sources: int = 1,
    exclude: Iterable[str] = (),
    min_evidence: int = 1,
) -> Projection:
    """The `kind` projection of `g` at `level`, keeping relations in `win` backed by >= `min_sources` sources
    and >= `min_evidence` quotes; actors in `exclude` are left out."""
    if kind not in KINDS:
        raise ValueError(f"unknown projection {kind!r} (one of {', '.join(KINDS)})")
    win = win or Window()
    amap = ActorMap(g, level)
    h = nx.Graph()
    dropped: dict[str, int] = defaultdict(int)
    excluded = set(exclude)

    def keep(d: dict[str, Any]) -> bool:
        if not win.admits(d):
            dropped["outside window" if relation_span(d) else "undated"] += 1
            return False
        if _sources_of(d) < min_sources:
            dropped[f"fewer than {min_sources} sources"] += 1
            return False
        if int(d.get("evidence_count", 1)) < min_evidence:
            dropped[f"fewer than {min_evidence} quotes"] += 1
            return False
        return True

    edges = sorted(g.edges(keys=True, data=True), key=lambda e: e[2])
    seen: set[tuple] = set()  # (type, pair, evidence): one statement, however many ways its ends were named
    if kind in ("signed", "positive", "ties"):
        for u, v, k, d in edges:
            t = d.get("type")
            signed = t in INTERACTION
            if kind == "signed" and not signed:
                continue
            if kind == "positive" and not (signed and (d.get("polarity") or 0) > 0):
                continue
            if kind == "ties" and not (signed or t in STRUCTURAL_TIES):
                continue
            if not keep(d):
                continue
            span = relation_span(d)
            a, b = amap(u, span), amap(v, span)
            if a is None or b is None or a in excluded or b in excluded:
                dropped["not between actors"] += 1
                continue
            if a == b:
                dropped["within one actor"] += 1
                continue
            statement = (t, min(a, b), max(a, b), frozenset(zip(d.get("sources") or [], d.get("start_chars") or [])))
            if statement in seen:
                dropped["same statement read twice"] += 1
                continue
            seen.add(statement)
            _add_node(h, g, a)
            _add_node(h, g, b)
            pol = d.get("polarity") if signed else None
            weight = float(pol) if kind == "signed" else 1.0
            _add_tie(h, a, b, weight, pol, tie_record(g, u, v, k, d))
    if kind in ("positive", "co-attendance"):
        _co_groups(h, g, amap, _attendance(g, win, min_sources, min_evidence, dropped), "CO_ATTENDED", excluded)
    if kind == "co-membership":
        _co_groups(h, g, amap, _membership(g, win, min_sources, min_evidence, dropped), "CO_MEMBER", excluded)
    for _, _, e in h.edges(data=True):
        e["ties"].sort(key=lambda r: (r.get("date") or "9999", r.get("type") or "", r.get("key") or ""))
    if amap.unmapped:
        dropped["kept unmapped"] = len(amap.unmapped)
    return Projection(kind, level, win, _sorted_graph(h), min_sources, dict(dropped), min_evidence)


def _sorted_graph(h: nx.Graph) -> nx.Graph:
    """The same graph with nodes and edges inserted in sorted order (same input, same iteration order)."""
    out = nx.Graph()
    for n in sorted(h.nodes):
        out.add_node(n, **h.nodes[n])
    for a, b in sorted((min(a, b), max(a, b)) for a, b in h.edges):
        out.add_edge(a, b, **h.edges[a, b])
    return out


def _event_span(g: nx.MultiDiGraph, event: str, d: dict[str, Any]) -> dict[str, Any]:
    """Dates for an attendance: the relation's own, else the event's."""
    if relation_span(d):
        return d
    e = g.nodes[event]
    return {"start": e.get("start") or e.get("date"), "end": e.get("end")}


def _attendance(g, win: Window, min_sources: int, min_evidence: int, dropped) -> dict[str, list[tuple[str, dict[str, Any], str, str, str]]]:
    """event -> [(attendee node, relation attrs, key, from, to)], through delegations and their heads/members."""
    out: dict[str, list] = defaultdict(list)
    members: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, k, d in g.edges(keys=True, data=True):
        if d.get("type") in ("HEADED", "DELEGATE_IN"):
            members[v].append((u, k, d))
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[2]):
        if d.get("type") != "ATTENDED" or g.nodes[v].get("label") != "Event":
            continue
        dd = _event_span(g, v, d)
        if not win.admits(dd):
            dropped["outside window" if relation_span(dd) else "undated"] += 1
            continue
        if _sources_of(d) < min_sources or int(d.get("evidence_count", 1)) < min_evidence:
            dropped["too few sources or quotes"] += 1
            continue
        out[v].append((u, dd, k, d, u, v))
        if g.nodes[u].get("label") == "Delegation":
            for person, pk, pd in sorted(members.get(u, []), key=lambda m: m[1]):
                out[v].append((person, dd, pk, pd, person, u))
    return out


def _membership(g, win: Window, min_sources: int, min_evidence: int, dropped) -> dict[str, list]:
    """group (party, organization, delegation) -> [(member node, attrs, key, rel attrs, from, to)]."""
    out: dict[str, list] = defaultdict(list)
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[2]):
        t = d.get("type")
        if t not in ("MEMBER_OF", "HEADED", "DELEGATE_IN"):
            continue
        if not win.admits(d) or _sources_of(d) < min_sources or int(d.get("evidence_count", 1)) < min_evidence:
            dropped["outside window or too few sources"] += 1
            continue
        out[v].append((u, d, k, d, u, v))
    return out


def _co_groups(h: nx.Graph, g, amap: ActorMap, groups: dict[str, list], tie_type: str, excluded: set[str]) -> None:
    """Link every two actors of each group with weight 1/(n-1)."""
    for group in sorted(groups):
        by_actor: dict[str, dict[str, Any]] = {}
        for node, dd, k, d, fu, fv in groups[group]:
            a = amap(node, relation_span(dd))
            if a is None or a in excluded:
                continue
            rec = tie_record(g, fu, fv, k, d)
            by_actor.setdefault(a, rec)
        actors = sorted(by_actor)
        if len(actors) < 2:
            continue
        w = 1.0 / (len(actors) - 1)
        gname = g.nodes[group].get("name", group)
        gdate = g.nodes[group].get("start") or g.nodes[group].get("date")
        for a, b in combinations(actors, 2):
            _add_node(h, g, a)
            _add_node(h, g, b)
            rec = {
                "key": f"{tie_type}|{a}|{b}|{group}",
                "type": tie_type,
                "from": a,
                "from_name": g.nodes[a].get("name", a),
                "to": b,
                "to_name": g.nodes[b].get("name", b),
                "polarity": None,
                "date": str(gdate) if gdate else by_actor[a].get("date"),
                "group": group,
                "group_name": gname,
                "quote": by_actor[a]["quote"],
                "source": by_actor[a]["source"],
                "start_char": by_actor[a]["start_char"],
                "end_char": by_actor[a]["end_char"],
                "evidence_count": 2,
                "sources": sorted(set(by_actor[a]["sources"]) | set(by_actor[b]["sources"])),
                "quotes": [by_actor[a]["quote"], by_actor[b]["quote"]],
            }
            _add_tie(h, a, b, w, None, rec)


def node_info(h: nx.Graph, n: str) -> dict[str, Any]:
    """id, name and label of a projected node (what every report lists)."""
    d = h.nodes[n]
    return {"id": n, "name": d.get("name", n), "label": d.get("label", "")}


def dated_years(g: nx.MultiDiGraph, kinds: Iterable[str] = tuple(INTERACTION)) -> list[int]:
    """The years in which relations of these types are dated (for --by year)."""
    kinds = set(kinds)
    years = set()
    for _, _, d in g.edges(data=True):
        if d.get("type") in kinds:
            span = relation_span(d)
            if span:
                years.update(range(int(span[0][:4]), int(span[1][:4]) + 1))
    return sorted(years)
