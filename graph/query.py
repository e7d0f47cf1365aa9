"""Cypher questions: the named query library (cypher/queries/*.cypher) and the user's own.

Each library file opens with a header of comments::

    // name: conflicts
    // answers: Every conflict involving an actor ...
    // param: actor = "league-of-communists-of-yugoslavia"  the actor: its id, name or an alias
    // param: from  the first actor (no default: required)
    // example: bloc query conflicts --param actor="Enver Hoxha"
    // browser: :params {actor: "league-of-communists-of-yugoslavia", related: true}

A parameter's default is a JSON value after ``=``. Values always travel as
Cypher parameters, never inside the query's text, so a name such as
``x'}) DETACH DELETE n //`` is just a name. Queries run in a read transaction
(the server refuses to write in one) unless ``write=True``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any, Sequence

import cypher
from graph.errors import QueryError

FORMATS = ("table", "json", "csv")
_LABELS = ("Person", "Party", "State", "Organization", "Event", "Document", "Delegation", "Source")


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    default: Any
    help: str


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    answers: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str
    writes: bool = False  # `// writes: yes` in the header: runs only with write=True

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """The parameters to send: the given ones, defaults for the rest; unknown or missing ones are errors."""
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            takes = ", ".join(sorted(known)) or "no parameters"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)} (it takes: {takes})")
        out = {}
        for p in self.params:
            if p.name in given:
                out[p.name] = given[p.name]
            elif p.required:
                raise QueryError(f"query {self.name!r} needs --param {p.name}=... ({p.help})")
            else:
                out[p.name] = p.default
        return out


def parse_header(name: str, text: str) -> LibraryQuery:
    """Read a library file's header comments (see the module docstring)."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    examples: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        body = stripped[2:].strip()
        key, sep, value = body.partition(":")
        if not sep or " " in key:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            pname, _, rest = value.partition(" ")
            rest = rest.strip()
            if pname.endswith("="):
                pname, rest = pname[:-1], "= " + rest
            if rest.startswith("="):
                try:
                    default, end = json.JSONDecoder().raw_decode(rest[1:].lstrip())
                except json.JSONDecodeError:
                    raise QueryError(f"cypher/queries/{name}.cypher: the default of {pname} is not a JSON value") from None
                helptext = rest[1:].lstrip()[end:].strip()
                params.append(Param(pname, False, default, helptext))
            else:
                params.append(Param(pname, True, None, rest))
        elif key == "example":
            examples.append(value)
        else:
            fields[key] = value
    if fields.get("name") != name:
        raise QueryError(f"cypher/queries/{name}.cypher: its header must start with '// name: {name}'")
    writes = fields.get("writes", "no").lower() in ("yes", "true")
    return LibraryQuery(name, fields.get("answers", ""), tuple(params), tuple(examples), text, writes)


def names() -> list[str]:
    folder = resources.files("cypher").joinpath("queries")
    return sorted(p.name[: -len(".cypher")] for p in folder.iterdir() if p.name.endswith(".cypher"))


def get(name: str) -> LibraryQuery:
    if name not in names():
        raise QueryError(f"no library query named {name!r} (bloc query --list shows them: {', '.join(names())})")
    return parse_header(name, cypher.load(f"queries/{name}"))


def library() -> list[LibraryQuery]:
    return [get(n) for n in names()]


def parse_param(text: str) -> tuple[str, Any]:
    """``k=v`` -> (k, v). v is read as JSON when it is a number, true/false/null, a list, an object or a
    "quoted string"; anything else is the plain string as typed."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key or not key.replace("_", "").isalnum():
        raise QueryError(f"--param {text!r}: write it as name=value")
    try:
        parsed = json.loads(value)
    except (json.JSONDecodeError, ValueError):
        return key, value
    if isinstance(parsed, float) and not math.isfinite(parsed):
        return key, value  # NaN, Infinity: keep the text
    return key, parsed


def run_query(
    store: Any,
    name: str | None = None,
    cypher: str | None = None,
    params: dict[str, Any] | None = None,
    write: bool = False,
) -> tuple[list[str], list[list[Any]]]:
    """Run a library query (by name) or the user's Cypher; (columns, rows) of plain, JSON-ready values."""
    if (name is None) == (cypher is None):
        raise QueryError("give a library query's name or --cypher, not both or neither")
    runner = getattr(store, "run", None)
    if runner is None:
        raise QueryError("queries are Cypher and need the Neo4j store: set NEO4J_URI or pass --neo4j-uri (see docs/neo4j-store.md)")
    params = dict(params or {})
    if name is not None:
        lq = get(name)
        if lq.writes and not write:
            raise QueryError(f"query {name!r} writes to the database; rerun it with --write")
        statement, params = lq.text, lq.bind(params)
    else:
        statement = cypher or ""
        if not statement.strip():
            raise QueryError("--cypher is empty")
    columns, rows = runner(statement, params, write=write)
    return list(columns), [[plain(v) for v in row] for row in rows]


# -- values -----------------------------------------------------------------
def plain(value: Any) -> Any:
    """Driver values -> JSON-ready Python: nodes and relationships become maps of their properties."""
    from neo4j import graph as g

    if isinstance(value, g.Node):
        label = next((l for l in _LABELS if l in value.labels), next(iter(sorted(value.labels)), None))
        props = {k: plain(v) for k, v in sorted(value.items()) if k != "facts"}
        return {"label": label, **props}
    if isinstance(value, g.Relationship):
        props = {k: plain(v) for k, v in sorted(value.items())}
        ends = {
            "from": value.start_node.get("id") if value.start_node is not None else None,
            "to": value.end_node.get("id") if value.end_node is not None else None,
        }
        return {"type": value.type, **ends, **props}
    if isinstance(value, g.Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    iso = getattr(value, "iso_format", None)  # neo4j.time Date, DateTime, Time, Duration
    if callable(iso):
        return iso()
    return str(value)


def _cell(value: Any) -> Any:
    """A table cell: a node by its name, a relationship by its type, lists joined."""
    if isinstance(value, dict):
        if "label" in value and ("name" in value or "id" in value):
            return f"{value.get('name', value.get('id'))} ({value['label']})"
        if "type" in value and "from" in value:
            return f"{value.get('from')} -{value['type']}-> {value.get('to')}"
        if "nodes" in value and "relationships" in value:
            return " / ".join(str(_cell(n)) for n in value["nodes"])
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list):
        return [_cell(v) for v in value]
    return value


def format_result(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """table (aligned, long cells cut), json (a list of objects, columns in order) or csv (lists and maps as JSON)."""
    if fmt == "json":
        return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in r])
        return buf.getvalue().rstrip("\n")
    if fmt == "table":
        from graph.render import table

        return table([[_cell(v) for v in r] for r in rows], list(columns)) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})"
    raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def describe(queries: Sequence[LibraryQuery]) -> list[dict[str, Any]]:
    """The library as data (for --list)."""
    return [
        {
            "name": q.name,
            "answers": q.answers,
            "params": [
                {"name": p.name, "required": p.required, **({} if p.required else {"default": p.default}), "help": p.help} for p in q.params
            ],
            "examples": list(q.examples),
            "writes": q.writes,
        }
        for q in queries
    ]
