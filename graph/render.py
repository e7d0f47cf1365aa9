"""Plain data -> text: the table, Markdown and JSON forms every report offers."""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

FORMATS = ("table", "json", "markdown")


def to_json(data: Any) -> str:
    """Stable JSON: sorted keys, two-space indent, UTF-8 kept."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value).replace("\n", " ")


def table(rows: Iterable[Sequence[Any]], columns: Sequence[str], max_width: int = 80, full: Sequence[str] = ()) -> str:
    """An aligned plain-text table; long cells are cut with '…' at max_width, except in the `full` columns."""
    body = [[_cell(v) for v in row] for row in rows]
    keep = [c in full for c in columns]
    body = [[c if k or len(c) <= max_width else c[: max_width - 1] + "…" for c, k in zip(row, keep)] for row in body]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(columns)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in body]
    return "\n".join(lines)


def markdown(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table (pipes in cells escaped)."""
    esc = lambda v: _cell(v).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render(rows: Iterable[Sequence[Any]], columns: Sequence[str], fmt: str, data: Any = None, title: str | None = None, full: Sequence[str] = ()) -> str:
    """One of FORMATS. JSON prints `data` when given (the documented shape), else the rows as objects.

    Table cells are cut at 80 characters except in the `full` columns (quotes are evidence: never cut).
    """
    rows = list(rows)
    if fmt == "json":
        return to_json(data if data is not None else [dict(zip(columns, r)) for r in rows])
    out = markdown(rows, columns) if fmt == "markdown" else table(rows, columns, full=full)
    if title:
        out = (f"## {title}\n\n" if fmt == "markdown" else f"{title}\n\n") + out
    return out
