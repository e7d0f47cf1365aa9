"""The Neo4j store: the same semantics as the file store, kept in a Neo4j database.

Every Cypher statement it runs lives in ``cypher/*.cypher``; every value goes in
as a parameter, never into the statement's text.

What is stored
    Each ``Source`` node keeps the sha256 of its text and the facts extracted
    from it (JSON, :func:`graph.model.facts_to_dict`) in its ``facts`` property.
    Those facts are the store's truth; the nodes and relationships are the graph
    built from them (:func:`graph.build.build_graph`), written so that Browser,
    Bloom and Cypher see the property graph of SCHEMA.md: one label per node,
    a uniqueness constraint on ``id`` per label, relationships keyed by their
    ``key`` (the fact's identity) with the evidence as flat properties.

How a load writes
    1. constraints first (only the ones ``SHOW CONSTRAINTS`` does not list);
    2. read the stored facts, classify the incoming sources by sha256 (added,
       replaced, unchanged), rebuild the whole graph in memory: a changed text
       thereby replaces its own evidence, the same fact from two texts keeps both;
    3. read the nodes and relationships the database holds and write only the
       difference: delete stale relationships, delete stale nodes, upsert nodes
       per label, upsert relationships per type;
    4. last, each Source's ``sha256`` and ``facts``.
    Every write is ``UNWIND $rows`` over one batch (``batch_size`` rows) in one
    transaction. A load that dies mid-way leaves whole batches only, and its
    sources are not yet marked as loaded, so the next load of the same texts
    finds the difference that is left and writes exactly that. A load of
    unchanged texts sends no write at all.

Analysis results
    :meth:`Neo4jStore.write_properties` sets node properties with names of their
    own (``faction``, ``pagerank``...). A load sets the model's properties with
    ``SET n += row.props`` where every model property the node should not have
    is given as null (which removes it), so analysis properties survive reloads.
    Model property names cannot be written as analysis results.

Errors
    Every driver error becomes a one-line :class:`graph.errors.Neo4jError` (or a
    :class:`graph.errors.QueryError` for a bad statement of the user's); the
    connection timeout and the driver's retry budget are a few seconds, so an
    unreachable server is reported within seconds.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any, Iterator, Sequence

import networkx as nx

import cypher
from graph.build import build_graph
from graph.errors import ModelError, Neo4jError, QueryError, StoreError
from graph.model import LABELS, Node, Relation, SourceFacts, facts_from_dict, facts_to_dict, node_from_properties, source_version
from graph.stores.base import LoadResult, Progress, classify

# The driver logs its retries and the server's notifications as warnings; without
# a handler Python would print them to stderr in the middle of bloc's output.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

#: Node properties that belong to the model (graph.model.Node), minus the ones that are not stored as properties.
NODE_KEYS = tuple(f.name for f in fields(Node) if f.name not in ("id", "label"))
#: Written with the facts in the last step of a load, not with the node.
SOURCE_KEYS = ("sha256", "facts")
#: Relationship properties that belong to the model (graph.model.Relation.properties()), minus `type`.
REL_KEYS = (
    "polarity", "role", "date", "start", "end",
    "source", "quote", "start_char", "end_char", "method", "section",
    "sources", "quotes", "start_chars", "end_chars", "methods", "sections", "evidence_count",
)  # fmt: skip
#: Names an analysis result cannot take.
RESERVED = frozenset(NODE_KEYS) | {"id", "label", "facts"}

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
BATCH_SIZE = 1000  # rows per transaction; BLOC_NEO4J_BATCH_SIZE overrides
CONNECTION_TIMEOUT = 5.0  # seconds to open a connection
RETRY_TIME = 2.0  # seconds the driver may spend retrying a transaction


def tagged(name: str) -> dict[str, str]:
    """The statements of ``cypher/<name>.cypher``, each introduced by a ``// @TAG`` line."""
    out: dict[str, str] = {}
    tag = None
    lines: list[str] = []
    for line in cypher.load(name).splitlines() + ["// @"]:
        m = re.match(r"\s*//\s*@(\w*)\s*$", line)
        if m:
            if tag is not None:
                out[tag] = "\n".join(lines).strip().rstrip(";").strip()
            tag, lines = m.group(1), []
        elif tag is not None and not line.lstrip().startswith("//"):
            lines.append(line)
    return out


def text(name: str) -> str:
    """The one statement of ``cypher/<name>.cypher``."""
    found = cypher.statements(name)
    if len(found) != 1:
        raise StoreError(f"cypher/{name}.cypher should hold one statement, not {len(found)}")
    return found[0].rstrip(";").strip()


def _reason(exc: BaseException) -> str:
    """Why a connection failed, in a few words ('Connection refused', 'timed out'...)."""
    text = " ".join(str(x) for x in (exc, exc.__cause__, exc.__context__) if x)
    m = re.search(r"reason (?:\[Errno -?\d+\] )?([^)\n]+)", text)
    if m:
        return m.group(1).strip()
    return _first_line(exc).rstrip(":") or type(exc).__name__


def _first_line(message: Any) -> str:
    lines = [s.strip() for s in str(message or "").strip().splitlines() if s.strip()]
    return lines[0] if lines else ""


@dataclass
class WriteLog:
    """What the last load sent: transactions per step and the server's counters (for tests and benchmarks)."""

    transactions: int = 0
    rows: int = 0
    counters: dict[str, int] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step

    def add(self, counters: Any) -> None:
        for name in (
            "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
            "properties_set", "labels_added", "labels_removed", "constraints_added",
        ):  # fmt: skip
            value = getattr(counters, name, 0)
            if value:
                self.counters[name] = self.counters.get(name, 0) + value

    @property
    def changed(self) -> bool:
        return any(self.counters.values())


class Neo4jStore:
    """bloc's graph in a Neo4j database (bolt://, neo4j://, +s and +ssc URIs; a cluster or a hosted instance)."""

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str | None = None,
        batch_size: int | None = None,
        connection_timeout: float = CONNECTION_TIMEOUT,
        retry_time: float = RETRY_TIME,
    ):
        import neo4j
        from neo4j import exceptions as nx_exc

        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in SCHEMES:
            raise Neo4jError(f"bad Neo4j URI {uri!r}: use bolt://host:7687 or neo4j://host:7687 (+s or +ssc for TLS)")
        self.uri = uri
        self.user = user
        self.database = database or None
        if batch_size is None:
            try:
                batch_size = int(os.environ.get("BLOC_NEO4J_BATCH_SIZE") or BATCH_SIZE)
            except ValueError:
                raise Neo4jError(f"BLOC_NEO4J_BATCH_SIZE must be a whole number, not {os.environ['BLOC_NEO4J_BATCH_SIZE']!r}") from None
        self.batch_size = max(1, int(batch_size))
        self.last_write = WriteLog()
        self._exc = nx_exc
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout * 2,
                max_transaction_retry_time=retry_time,
                notifications_min_severity="OFF",
                user_agent="bloc",
            )
        except (nx_exc.ConfigurationError, ValueError, TypeError) as exc:
            raise Neo4jError(
                f"bad Neo4j URI {uri!r} ({_first_line(exc)}); use bolt://host:7687 or neo4j://host:7687 (+s for TLS)"
            ) from None
        self._verified = False

    def __repr__(self) -> str:
        db = f", database={self.database!r}" if self.database else ""
        return f"Neo4jStore({self.uri!r}{db})"

    # -- plumbing ----------------------------------------------------------
    def _where(self) -> str:
        return f"Neo4j at {self.uri}" + (f" (database {self.database!r})" if self.database else "")

    @contextmanager
    def _errors(self, doing: str, user_query: bool = False) -> Iterator[None]:
        """Turn any driver error into one line for the user (a QueryError if the user's own statement is at fault)."""
        e = self._exc
        try:
            yield
        except e.AuthError as exc:
            raise Neo4jError(
                f"{self._where()} refused the credentials of user {self.user!r} ({_first_line(exc.message)}); check NEO4J_USER and NEO4J_PASSWORD"
            ) from None
        except (e.SessionExpired, e.IncompleteCommit, e.ServiceUnavailable) as exc:
            writing = doing.startswith("writing")
            lost = isinstance(exc, (e.SessionExpired, e.IncompleteCommit)) or (writing and self._verified)
            what = f"lost the connection to {self._where()}" if lost else f"cannot reach {self._where()}"
            hint = (
                "what was written is whole batches only: run the same command again to finish"
                if writing
                else "is the server running? (make neo4j-up)"
            )
            raise Neo4jError(f"{what} while {doing} ({_reason(exc)}); {hint}") from None
        except e.ConnectionAcquisitionTimeoutError as exc:
            raise Neo4jError(f"{self._where()} did not answer in time while {doing} ({_first_line(exc)})") from None
        except e.ClientError as exc:
            code = exc.code or ""
            if code.endswith("DatabaseNotFound"):
                raise Neo4jError(f"{self._where()}: there is no database {self.database!r} (see SHOW DATABASES)") from None
            if user_query and (code.startswith("Neo.ClientError.Statement.") or code.startswith("Neo.ClientError.Procedure.")):
                if code.endswith("AccessMode"):
                    raise QueryError("this query writes to the database; rerun it with --write") from None
                raise QueryError(f"{code.rsplit('.', 1)[-1]}: {_first_line(exc.message)}") from None
            raise Neo4jError(f"{self._where()} refused {doing}: {code}: {_first_line(exc.message)}") from None
        except e.Neo4jError as exc:  # DatabaseError, TransientError (after the driver's retries)
            raise Neo4jError(f"{self._where()} failed while {doing}: {exc.code}: {_first_line(exc.message)}") from None
        except e.DriverError as exc:
            raise Neo4jError(f"Neo4j driver error while {doing} ({type(exc).__name__}: {_first_line(exc)})") from None
        except OSError as exc:
            raise Neo4jError(f"cannot reach {self._where()} while {doing} ({exc.strerror or exc})") from None

    def _session(self, **kwargs: Any):
        if not self._verified:
            # once per store: a wrong password or a server that is down fails here at once,
            # instead of after the driver's retries
            self._driver.verify_connectivity()
            self._verified = True
        return self._driver.session(database=self.database, **kwargs)

    def _read(self, statement: str, **params: Any) -> list[Any]:
        """All records of a read (a read transaction: routed to any member of a cluster)."""

        def work(tx):
            return list(tx.run(statement, **params))

        with self._session() as session:
            return session.execute_read(work)

    def _write_batches(self, session, statement: str, rows: list[dict[str, Any]], log: WriteLog, key: str = "rows") -> None:
        """`UNWIND $rows` in batches, each batch one transaction."""

        def work(tx, batch):
            return tx.run(statement, **{key: batch}).consume().counters

        for i in range(0, len(rows), self.batch_size):
            batch = rows[i : i + self.batch_size]
            log.add(session.execute_write(work, batch))
            log.transactions += 1
            log.rows += len(batch)

    def verify(self) -> None:
        """Connect and log in (raises Neo4jError with the reason if that fails)."""
        with self._errors("connecting"):
            self._driver.verify_connectivity()
            self._read("RETURN 1")  # the database exists and answers

    # -- schema ------------------------------------------------------------
    def ensure_schema(self, log: WriteLog | None = None) -> int:
        """Create the constraints of cypher/schema.cypher that do not exist yet; returns how many were created."""
        log = log if log is not None else WriteLog()
        wanted = []
        for statement in cypher.statements("schema"):
            m = re.search(r"CREATE\s+CONSTRAINT\s+(\w+)", statement, re.I)
            if not m:
                raise StoreError("cypher/schema.cypher: every statement must create a named constraint")
            wanted.append((m.group(1), statement.rstrip(";").strip()))
        with self._errors("reading the schema"):
            have = {r["name"] for r in self._read(text("constraints"))}
        missing = [(name, s) for name, s in wanted if name not in have]
        with self._errors("creating the schema"), self._session() as session:
            for _, statement in missing:
                session.run(statement).consume()  # schema statements run in their own (auto-commit) transaction
                log.transactions += 1
                log.counters["constraints_added"] = log.counters.get("constraints_added", 0) + 1
        return len(missing)

    # -- reading -----------------------------------------------------------
    def facts(self) -> list[SourceFacts]:
        """Every loaded source's facts, by source id (as FileStore.facts())."""
        with self._errors("reading the stored facts"):
            records = self._read(text("read_sources"))
        out = []
        for r in records:
            try:
                out.append(facts_from_dict(json.loads(r["facts"])))
            except (ModelError, json.JSONDecodeError, TypeError) as exc:
                raise StoreError(f"{self._where()}: the stored facts of {r['id']} are corrupt ({_first_line(exc)}); reload that text") from None
        return out

    def versions(self) -> dict[str, str]:
        """{source id: source_version} of every loaded text."""
        return {f.source.id: source_version(f.source) for f in self.facts()}

    def _sources(self) -> dict[str, tuple[str, str]]:
        with self._errors("reading the stored facts"):
            return {r["id"]: (r["sha256"], r["facts"]) for r in self._read(text("read_sources"))}

    def _state(self) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[str, tuple[str, str, str, dict[str, Any]]]]:
        """What the database holds: {id: (label, props)} and {key: (type, from, to, props)}."""
        with self._errors("reading the graph"):
            node_records = self._read(text("read_nodes"), labels=list(LABELS))
            rel_records = self._read(text("read_relationships"))
        nodes: dict[str, tuple[str, dict[str, Any]]] = {}
        for r in node_records:
            label = next((l for l in LABELS if l in r["labels"]), None)
            if label is None or r["id"] is None:
                continue
            nodes[r["id"]] = (label, {k: v for k, v in r["props"]})
        rels: dict[str, tuple[str, str, str, dict[str, Any]]] = {}
        for r in rel_records:
            props = dict(r["props"])
            key = props.pop("key", None) or f"{r['type']}|{r['from']}|{r['to']}"
            while key in rels:  # relationships not written by bloc may share a made-up key
                key += "'"
            rels[key] = (r["type"], r["from"], r["to"], props)
        return nodes, rels

    def graph(self) -> nx.MultiDiGraph:
        """The graph, read back with Cypher: equal to FileStore.graph() for the same texts and analysis results."""
        nodes, rels = self._state()
        g = nx.MultiDiGraph()
        for node_id in sorted(nodes):
            label, props = nodes[node_id]
            g.add_node(node_id, **_node_attrs(node_id, label, props))
        for key in sorted(rels):
            type_, a, b, props = rels[key]
            g.add_edge(a, b, key=key, **_edge_attrs(a, b, type_, props))
        return g

    # -- writing -----------------------------------------------------------
    def load(self, facts: list[SourceFacts], progress: Progress | None = None) -> LoadResult:
        """Add or replace sources; the same texts again write nothing."""
        log = WriteLog()
        self.last_write = log
        t0 = time.perf_counter()
        self.ensure_schema(log)
        t1 = time.perf_counter()
        log.steps["schema"] = t1 - t0

        stored = self._sources()
        all_facts: dict[str, SourceFacts] = {}
        for sid, (_, raw) in stored.items():
            try:
                all_facts[sid] = facts_from_dict(json.loads(raw))
            except (ModelError, json.JSONDecodeError, TypeError) as exc:
                raise StoreError(f"{self._where()}: the stored facts of {sid} are corrupt ({_first_line(exc)}); reload that text") from None
        added, replaced, unchanged = classify({sid: source_version(f.source) for sid, f in all_facts.items()}, facts)
        changed = set(added) | set(replaced)
        for f in facts:
            if f.source.id in changed:
                all_facts[f.source.id] = f
        # the graph must build before anything is written: a bad fact leaves the store as it was
        target = build_graph(all_facts.values())
        t2 = time.perf_counter()
        log.steps["read_and_build"] = t2 - t1

        self._sync(target, log)
        t3 = time.perf_counter()
        log.steps["graph"] = t3 - t2

        source_rows = []
        for sid in sorted(all_facts):
            if sid in stored and sid not in changed:
                continue  # kept as stored (its record is what it was parsed from)
            f = all_facts[sid]
            record = json.dumps(facts_to_dict(f), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            if stored.get(sid) != (f.source.sha256, record):
                source_rows.append({"id": sid, "sha256": f.source.sha256, "facts": record})
        with self._errors("writing the sources' facts"), self._session() as session:
            self._write_batches(session, text("write_sources"), source_rows, log)
        log.steps["sources"] = time.perf_counter() - t3
        if progress:
            progress(len(facts))
        return LoadResult(tuple(added), tuple(replaced), tuple(unchanged), target.number_of_nodes(), target.number_of_edges())

    def _sync(self, target: nx.MultiDiGraph, log: WriteLog) -> None:
        """Make the database's nodes and relationships those of `target`, writing only the difference."""
        have_nodes, have_rels = self._state()
        want_nodes = {n: (d["label"], _node_row(d)) for n, d in target.nodes(data=True)}
        want_rels = {k: (d["type"], a, b, _rel_row(d)) for a, b, k, d in target.edges(keys=True, data=True)}

        gone_nodes = [
            {"id": n, "label": label}
            for n, (label, _) in sorted(have_nodes.items())
            if n not in want_nodes or want_nodes[n][0] != label
        ]
        gone_ids = {r["id"] for r in gone_nodes}
        # relationships of deleted nodes go with them (DETACH) and, if still wanted, are written again
        have_rels = {k: v for k, v in have_rels.items() if v[1] not in gone_ids and v[2] not in gone_ids}
        gone_rels = [
            {"from": a, "key": k}
            for k, (type_, a, b, _) in sorted(have_rels.items())
            if k not in want_rels or want_rels[k][:3] != (type_, a, b)
        ]
        node_rows: dict[str, list[dict[str, Any]]] = {}
        for n in sorted(want_nodes):
            label, props = want_nodes[n]
            current = have_nodes.get(n)
            if n in gone_ids or current is None or _model_view(current[1], NODE_KEYS) != _present(props):
                node_rows.setdefault(label, []).append({"id": n, "props": props})
        rel_rows: dict[str, list[dict[str, Any]]] = {}
        for k in sorted(want_rels):
            type_, a, b, props = want_rels[k]
            current = have_rels.get(k)
            if current is None or current[:3] != (type_, a, b) or _model_view(current[3], REL_KEYS) != _present(props):
                rel_rows.setdefault(type_, []).append({"from": a, "to": b, "key": k, "props": props})

        node_statements = tagged("write_nodes")
        rel_statements = tagged("write_relationships")
        with self._errors("writing the graph"), self._session() as session:
            self._write_batches(session, text("delete_relationships"), gone_rels, log)
            self._write_batches(session, text("delete_nodes"), gone_nodes, log)
            for label in LABELS:
                if node_rows.get(label):
                    self._write_batches(session, node_statements[label], node_rows[label], log)
            for type_ in sorted(rel_rows):
                if type_ not in rel_statements:
                    raise StoreError(f"cypher/write_relationships.cypher has no statement for {type_}")
                self._write_batches(session, rel_statements[type_], rel_rows[type_], log)

    def write_properties(self, values: dict[str, dict[str, Any]]) -> int:
        """Analysis results as node properties: {node_id: {prop: value}}; returns how many nodes were found."""
        for node_id, kv in values.items():
            bad = sorted(set(kv) & RESERVED)
            if bad:
                raise StoreError(f"cannot write {', '.join(bad)} on {node_id}: a property of the model, not an analysis result")
        rows = [{"id": node_id, "props": dict(kv)} for node_id, kv in sorted(values.items())]
        statement = text("write_properties")
        touched = 0

        def work(tx, batch):
            return tx.run(statement, rows=batch).single()["touched"]

        with self._errors("writing analysis results"), self._session() as session:
            for i in range(0, len(rows), self.batch_size):
                touched += session.execute_write(work, rows[i : i + self.batch_size])
        return touched

    # -- queries -----------------------------------------------------------
    def run(self, statement: str, params: dict[str, Any] | None = None, write: bool = False) -> tuple[list[str], list[list[Any]]]:
        """Run one Cypher statement with parameters: (column names, rows of values).

        Read-only unless `write`: a read transaction, which the server refuses to
        write in. With `write` it runs in an auto-commit transaction (so that
        ``CALL { ... } IN TRANSACTIONS`` and schema commands work too).
        """
        params = dict(params or {})

        def work(tx):
            result = tx.run(statement, params)
            return list(result.keys()), [list(r.values()) for r in result]

        with self._errors("running the query", user_query=True), self._session() as session:
            if not write:
                return session.execute_read(work)
            result = session.run(statement, params)
            rows = [list(r.values()) for r in result]
            return list(result.keys()), rows

    def close(self) -> None:
        try:
            self._driver.close()
        except Exception:  # noqa: BLE001 - closing a dead connection must not hide the real error
            pass

    def __enter__(self) -> "Neo4jStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# -- rows and attributes ----------------------------------------------------------
def _node_row(attrs: dict[str, Any]) -> dict[str, Any]:
    """The properties a load sets on a node: every model property, null where unset (which removes it)."""
    return {k: attrs.get(k) for k in NODE_KEYS if k not in SOURCE_KEYS}


def _rel_row(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: attrs.get(k) for k in REL_KEYS}


def _present(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _model_view(props: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """The model's part of stored properties (what a load compares), without what the last step writes."""
    return {k: props[k] for k in keys if k in props and k not in SOURCE_KEYS and props[k] is not None}


def _node_attrs(node_id: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """Stored node properties -> the attributes build_graph gives (model first, in its order; then the rest, sorted)."""
    props = dict(props)
    props.pop("id", None)
    try:
        attrs = node_from_properties({"id": node_id, "label": label, **props}).properties()
    except (ModelError, TypeError):  # a node bloc did not write (e.g. made in Browser): keep what it has
        return {"id": node_id, "label": label, **dict(sorted(props.items()))}
    extra = {k: v for k, v in sorted(props.items()) if k not in attrs and k not in NODE_KEYS}
    return {**attrs, **extra}


def _edge_attrs(a: str, b: str, type_: str, props: dict[str, Any]) -> dict[str, Any]:
    try:
        attrs = Relation.from_properties(a, b, {**props, "type": type_}).properties()
    except (ModelError, KeyError, TypeError, ValueError):
        return {"type": type_, **dict(sorted(props.items()))}
    extra = {k: v for k, v in sorted(props.items()) if k not in attrs and k not in REL_KEYS}
    return {**attrs, **extra}

