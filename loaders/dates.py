"""Dates in text -> ISO prefixes: '21 October 1956' -> 1956-10-21, 'in June 1953' -> 1953-06.

A date is as precise as the text: a day, a month or a year. Spans of time
('November 16–19, 1957', '1949–50', 'the late 1950s') keep both ends. Where the
text leaves the year out ('on 19 October', 'by 4 November', 'in July'), a
`DateContext` carries it over from the last date that anchored the narrative: a
date with a month, or a year that opens its sentence ('In 1956 ...'). A year
named in passing in the middle of a sentence ('... had agreed in 1949–50')
does not move the narrative's year.

Everything here is regular expressions over one sentence at a time, compiled once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_YEAR = r"(?P<{}>1[6-9]\d\d|20\d\d)"
_DASH = r"\s*(?:[-\u2010\u2011\u2012\u2013\u2014]|to|and|or|until|till)\s*"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS = [
    # 21 October 1956 / 14–16 November 1957 / 23 and 26 March 1956 / 4 November
    re.compile(
        rf"\b{_DAY.format('d1')}(?:{_DASH}{_DAY.format('d2')})?\s+(?:of\s+)?{_MONTH.format('m1')}(?:,?\s+{_YEAR.format('y1')})?\b"
    ),
    # November 16–19, 1957 / October 26, 1957 / November 18
    re.compile(rf"\b{_MONTH.format('m1')}\s+{_DAY.format('d1')}(?:{_DASH}{_DAY.format('d2')})?(?:,?\s+{_YEAR.format('y1')})?\b(?!\s*[-\u2013]?\s*\d)"),
    # between mid-February and mid-April 1956 / from May to July 1957
    re.compile(
        rf"\b(?:(?:early|mid|late)[-\s]?)?{_MONTH.format('m1')}{_DASH}(?:(?:early|mid|late)[-\s]?)?{_MONTH.format('m2')},?\s+{_YEAR.format('y1')}\b"
    ),
    # June 1953 / mid-April 1956 / late October 1956
    re.compile(rf"\b(?:(?P<part>early|mid|late)[-\s]?)?{_MONTH.format('m1')},?\s+(?:of\s+)?{_YEAR.format('y1')}\b"),
    # the late 1950s / the 1960s / early 1960s
    re.compile(r"\b(?:(?P<part>early|mid|late)[-\s]?)?(?P<decade>1[6-9]\d0|20\d0)\u2019?'?s\b"),
    # the summer of 1956 / late spring 1956 / mid-1956 / early 1957
    re.compile(rf"\b(?:(?P<part>early|mid|late)[-\s]?)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR.format('y1')}\b", re.I),
    # 1949–50 / 1953–4 / 1956-1957
    re.compile(rf"\b{_YEAR.format('y1')}\s*[-\u2013\u2014/]\s*(?P<y2>\d{{4}}|\d{{2}}|\d)\b(?![-\u2013]?\d)"),
    # in July / In July / by late October (the year from context; the preposition may open the sentence)
    re.compile(rf"\b(?P<prep>(?i:in|by|of|during|until|since|from|after|before|mid|early|late))[-\s]+(?:(?:early|mid|late)[-\s]+)?{_MONTH.format('m1')}\b(?!\s+\d)"),
    # 1956 / mid-1956 / early 1957
    re.compile(rf"\b(?:(?P<part>early|mid|late)[-\s]?)?{_YEAR.format('y1')}\b(?!\s*[-\u2013]\s*\d)"),
]
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True)
class DateMention:
    """A date in a sentence: character offsets (relative to the text searched) and ISO prefixes."""

    start: int
    end: int
    text: str
    first: str  # ISO prefix of the date, or of the start of a span
    last: str | None = None  # ISO prefix of the end of a span of time; None for a point
    anchors: bool = False  # may set the narrative's year for the dates after it
    year_given: bool = True  # False: the year came from the narrative ('on 17 October')

    @property
    def year(self) -> int:
        return int(self.first[:4])

    @property
    def is_span(self) -> bool:
        return self.last is not None and self.last != self.first


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _valid_day(day: int) -> bool:
    return 1 <= day <= 31


class DateContext:
    """The year of the narrative, carried from sentence to sentence through one document."""

    def __init__(self, year: int | None = None):
        self.year = year


def find_dates(text: str, context: DateContext | None = None, sentence_start: int = 0) -> list[DateMention]:
    """Dates in `text` (one sentence), in order, without overlaps; the year from `context` where left out.

    `sentence_start` is where the sentence begins in `text` (a date within its
    first few words opens the sentence and anchors the narrative's year). The
    context is updated as the dates are read, so pass sentences in order.
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, re.Match, int]] = []
    for rank, pattern in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            found.append((a, b, m, rank))
    found.sort(key=lambda t: t[0])
    out: list[DateMention] = []
    ctx_year = context.year if context else None
    for a, b, m, rank in found:
        g = m.groupdict()
        opening = len(text[sentence_start:a].split()) <= 3
        first = last = None
        anchors = False
        given = True
        year = int(g["y1"]) if g.get("y1") else None
        if g.get("decade"):
            decade = int(g["decade"])
            lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9), None: (0, 9)}[g.get("part")]
            first, last = _iso(decade + lo), _iso(decade + hi)
            anchors = opening
        elif g.get("season"):
            season = g["season"].lower()
            m1, m2 = _SEASON_MONTHS[season]
            first = _iso(year, m1)
            last = _iso(year + 1 if m2 < m1 else year, m2)
            anchors = True
        elif g.get("y2"):
            y2s = g["y2"]
            y2 = int(str(year)[: 4 - len(y2s)] + y2s)
            if y2 <= year:
                continue  # '1956-1' is not a span of years
            first, last = _iso(year), _iso(y2)
            anchors = opening
        elif g.get("m2"):
            first, last = _iso(year, _month(g["m1"])), _iso(year, _month(g["m2"]))
            anchors = True
        elif g.get("m1"):
            month = _month(g["m1"])
            if g.get("m1") == "May" and not (g.get("d1") or year or g.get("prep")):
                continue
            given = year is not None
            if year is None:
                year = ctx_year
            if year is None:
                continue  # a month with no year anywhere before it: unknown
            d1 = int(g["d1"]) if g.get("d1") else None
            d2 = int(g["d2"]) if g.get("d2") else None
            if d1 is not None and not _valid_day(d1):
                continue
            first = _iso(year, month, d1)
            if d2 is not None and _valid_day(d2) and d1 is not None and d2 > d1:
                last = _iso(year, month, d2)
            anchors = bool(g.get("y1"))
        elif year is not None:
            first = _iso(year)
            anchors = opening
        else:
            continue
        mention = DateMention(a, b, text[a:b], first, last, anchors, given)
        out.append(mention)
        if context is not None and anchors:
            context.year = ctx_year = mention.year
    return out


def parse_date(text: str, year: int | None = None) -> DateMention | None:
    """The first date in a short text (for tests and the command line)."""
    found = find_dates(text, DateContext(year))
    return found[0] if found else None
