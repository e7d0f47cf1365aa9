"""Alignments: the Sino-Soviet, Yugoslav and Albanian threads read off the signed relationships over time.

A thread (data: ``threads.yaml`` beside this file, or the user's own file) names
its sides by country. Every actor of a country stands on its side: the state,
the parties with that ``country`` or ``PARTY_OF`` it, the people who lead or
belong to those parties (``LEADER_OF``/``MEMBER_OF``, the node's ``party`` or
``country``, or the delegation they sat in), and those parties' delegations.
For each thread :func:`alignment` gives the timeline of its signed
relationships (date, type, polarity, quote), the net balance per year and the
camps of the sides in each year (structural balance on that year's relationships
between sides, solved exactly).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import yaml

from graph.analysis.balance import balance
from graph.analysis.projections import ActorMap, relation_span, tie_record
from graph.errors import InputError
from graph.model import INTERACTION

BUILTIN = Path(__file__).with_name("threads.yaml")


@dataclass(frozen=True)
class Side:
    country: str
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thread:
    """A question of alignment between countries, as data."""

    id: str
    name: str
    sides: tuple[Side, ...]
    focus: tuple[str, ...] = ()  # countries whose relationships make the thread (default: all sides)
    others: bool = False  # also relationships between a focus side and actors on no side

    @property
    def focus_sides(self) -> tuple[str, ...]:
        return self.focus or tuple(s.country for s in self.sides)


def parse_threads(text: str, path: str) -> list[Thread]:
    """Threads from YAML text: a list of {id, name, sides: [{country, actors}], focus, others}."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML ({exc})", path) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        raise InputError("a thread file is a YAML list of threads", path)
    out = []
    for i, raw in enumerate(data, start=1):
        if not isinstance(raw, dict) or not raw.get("id") or not isinstance(raw.get("sides"), list) or len(raw["sides"]) < 2:
            raise InputError(f"thread {i}: needs an `id` and at least two `sides`", path)
        unknown = set(raw) - {"id", "name", "sides", "focus", "others"}
        if unknown:
            raise InputError(f"thread {raw['id']}: unknown field(s) {', '.join(sorted(unknown))}", path)
        sides = []
        for s in raw["sides"]:
            if isinstance(s, str):
                s = {"country": s}
            if not isinstance(s, dict) or not s.get("country"):
                raise InputError(f"thread {raw['id']}: each side needs a `country` id", path)
            actors = s.get("actors") or []
            if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
                raise InputError(f"thread {raw['id']}: `actors` must be a list of ids", path)
            sides.append(Side(str(s["country"]), tuple(actors)))
        focus = raw.get("focus") or []
        if isinstance(focus, str):
            focus = [focus]
        countries = {s.country for s in sides}
        if any(f not in countries for f in focus):
            raise InputError(f"thread {raw['id']}: every `focus` must be one of its sides", path)
        out.append(Thread(str(raw["id"]), str(raw.get("name") or raw["id"]), tuple(sides), tuple(focus), bool(raw.get("others", False))))
    return out


def load_threads(paths: Iterable[str | Path] = (), builtin: bool = True) -> list[Thread]:
    """The built-in threads (unless `builtin` is False) and those of the user's files; later ids replace earlier ones."""
    threads: dict[str, Thread] = {}
    files = ([BUILTIN] if builtin else []) + [Path(p) for p in paths]
    for p in files:
        try:
            text = Path(p).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("no such thread file", str(p)) from None
        except UnicodeDecodeError:
            raise InputError("thread file is not valid UTF-8", str(p)) from None
        for t in parse_threads(text, str(p)):
            threads[t.id] = t
    return list(threads.values())


def side_members(g: nx.MultiDiGraph, thread: Thread) -> dict[str, list[str]]:
    """country -> the ids of every actor standing on that side (an actor on two sides goes to the first)."""
    label = {n: d.get("label") for n, d in g.nodes(data=True)}
    party_state: dict[str, str] = {}
    for n, d in g.nodes(data=True):
        if d.get("label") == "Party" and d.get("country"):
            party_state[n] = d["country"]
    for u, v, d in g.edges(data=True):
        if d.get("type") == "PARTY_OF" and label.get(u) == "Party":
            party_state.setdefault(u, v)
    dlg_party = {u: v for u, v, d in g.edges(data=True) if d.get("type") == "REPRESENTED" and label.get(u) == "Delegation"}
    out: dict[str, list[str]] = {}
    taken: set[str] = set()
    for side in thread.sides:
        c = side.country
        members = {c} if c in g else set()
        parties = {p for p, s in party_state.items() if s == c}
        members |= parties
        for n, d in g.nodes(data=True):
            lab = d.get("label")
            if lab in ("Person", "Organization") and (d.get("country") == c or d.get("party") in parties):
                members.add(n)
            elif lab == "Delegation" and dlg_party.get(n) in parties:
                members.add(n)
        for u, v, d in g.edges(data=True):
            t = d.get("type")
            if label.get(u) == "Person" and ((t in ("LEADER_OF", "MEMBER_OF") and (v in parties or v == c)) or (t in ("HEADED", "DELEGATE_IN") and dlg_party.get(v) in parties)):
                members.add(u)
        members |= {a for a in side.actors if a in g}
        members -= taken
        taken |= members
        out[c] = sorted(members)
    return out


def _side_name(g: nx.MultiDiGraph, country: str) -> str:
    return g.nodes[country].get("name", country) if country in g else country


def alignment(g: nx.MultiDiGraph, thread: Thread) -> dict[str, Any]:
    """Timeline, net balance per year and camps per year of one thread (plain data; see module doc)."""
    members = side_members(g, thread)
    side_of = {n: c for c, ns in members.items() for n in ns}
    focus = set(thread.focus_sides)
    country_map = ActorMap(g, "country")
    timeline = []
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[2]):
        if d.get("type") not in INTERACTION:
            continue
        su, sv = side_of.get(u), side_of.get(v)
        if thread.others:
            span = relation_span(d)
            su = su or country_map(u, span)
            sv = sv or country_map(v, span)
        if su is None or sv is None or su == sv or not ({su, sv} & focus):
            continue
        rec = tie_record(g, u, v, k, d)
        rec.update(from_side=su, from_side_name=_side_name(g, su), to_side=sv, to_side_name=_side_name(g, sv))
        timeline.append(rec)
    timeline.sort(key=lambda r: (r["date"] or "9999", r["type"], r["key"]))
    years: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in timeline:
        years[r["date"][:4] if r["date"] else "undated"].append(r)
    per_year = []
    for y in sorted(years):
        rels = years[y]
        pairs: dict[tuple[str, str], int] = defaultdict(int)
        for r in rels:
            a, b = sorted((r["from_side"], r["to_side"]))
            pairs[(a, b)] += r["polarity"] or 0
        entry = {
            "year": y,
            "net": sum(r["polarity"] or 0 for r in rels),
            "positive": sum(1 for r in rels if (r["polarity"] or 0) > 0),
            "negative": sum(1 for r in rels if (r["polarity"] or 0) < 0),
            "neutral": sum(1 for r in rels if not r["polarity"]),
            "pairs": [{"a": a, "a_name": _side_name(g, a), "b": b, "b_name": _side_name(g, b), "net": n} for (a, b), n in sorted(pairs.items())],
            "camps": None,
            "frustration": None,
        }
        if y != "undated":
            sg = nx.Graph()
            for (a, b), n in pairs.items():
                sg.add_edge(a, b, weight=float(n))
            res = balance(sg, kmax=3)
            if res.camps:
                camp_of = res.assignment
                entry["camps"] = [[{"id": c, "name": _side_name(g, c)} for c in camp] for camp in res.camps]
                entry["frustration"] = sum(
                    1
                    for r in rels
                    if r["polarity"] and r["from_side"] in camp_of and r["to_side"] in camp_of
                    and (r["polarity"] > 0) != (camp_of[r["from_side"]] == camp_of[r["to_side"]])
                )
        per_year.append(entry)
    return {
        "thread": thread.id,
        "name": thread.name,
        "sides": [{"id": s.country, "name": _side_name(g, s.country), "members": len(members.get(s.country, []))} for s in thread.sides],
        "focus": list(thread.focus_sides),
        "others": thread.others,
        "timeline": timeline,
        "years": per_year,
        "net": sum(r["polarity"] or 0 for r in timeline),
    }


def alignments(g: nx.MultiDiGraph, threads: list[Thread] | None = None, only: Iterable[str] = ()) -> dict[str, Any]:
    """Every thread's alignment (or those whose id is in `only`)."""
    threads = threads if threads is not None else load_threads()
    only = set(only)
    missing = only - {t.id for t in threads}
    if missing:
        raise InputError(f"no thread named {', '.join(sorted(missing))} (known: {', '.join(t.id for t in threads)})")
    return {"threads": [alignment(g, t) for t in threads if not only or t.id in only]}

