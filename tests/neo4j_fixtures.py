"""Fixtures for the tests that need the real Neo4j server (imported by the test files, not a conftest).

The server comes from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (``make test``
starts it and sources out/neo4j.env). When it cannot be reached the tests are
skipped, unless BLOC_REQUIRE_NEO4J=1, in which case they fail.

Each test gets an empty database: every node and relationship is deleted
before it (constraints and indexes are left alone).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import tempfile
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pytest

import cypher

from graph.model import INTERACTION, Evidence, Node, Relation, SourceFacts, slugify

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MEETING_TEXT = CORPUS / "000_e9b5b5c157e9008d.txt"


def neo4j_settings() -> tuple[str, str, str] | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")


@lru_cache(maxsize=1)
def _reachable() -> str | None:
    """None if the server answers, else why not."""
    settings = neo4j_settings()
    if settings is None:
        return "NEO4J_URI is not set (make neo4j-up; source out/neo4j.env)"
    from graph.errors import BlocError
    from graph.stores.neo4j import Neo4jStore

    store = Neo4jStore(*settings, connection_timeout=3, retry_time=2)
    try:
        store.verify()
    except BlocError as exc:
        return str(exc)
    finally:
        store.close()
    return None


def require_neo4j() -> tuple[str, str, str]:
    """The server's settings; skip (or fail, with BLOC_REQUIRE_NEO4J=1) when it does not answer."""
    why = _reachable()
    if why is not None:
        if os.environ.get("BLOC_REQUIRE_NEO4J") == "1":
            pytest.fail(f"BLOC_REQUIRE_NEO4J=1 but Neo4j is not usable: {why}", pytrace=False)
        pytest.skip(f"Neo4j not available: {why}")
    settings = neo4j_settings()
    assert settings is not None
    return settings


def wipe(store) -> None:
    """Delete every node and relationship (nothing else)."""
    store.run(cypher.load("wipe"), write=True)


@contextmanager
def exclusive_server(uri: str, timeout: float = 600) -> Iterator[None]:
    """One test at a time on a server, across processes: the tests wipe the database,
    so two pytest runs against the same server (two engineers, or pytest-xdist) take turns."""
    path = Path(tempfile.gettempdir()) / f"bloc-neo4j-tests-{hashlib.sha1(uri.encode()).hexdigest()[:12]}.lock"
    with open(path, "w") as fh:
        t0 = time.monotonic()
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() - t0 > timeout:
                    pytest.fail(f"another test run has held {path} for {timeout:.0f}s", pytrace=False)
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture()
def neo4j_settings_fx() -> Iterator[tuple[str, str, str]]:
    """The server's (uri, user, password), held for this test alone."""
    settings = require_neo4j()
    with exclusive_server(settings[0]):
        yield settings


@pytest.fixture()
def neo4j_store(neo4j_settings_fx) -> Iterator:
    """A Neo4jStore on an emptied database."""
    from graph.stores.neo4j import Neo4jStore

    store = Neo4jStore(*neo4j_settings_fx)
    wipe(store)
    try:
        yield store
    finally:
        store.close()


def counts(store) -> dict[str, int]:
    """Nodes per label and relationships per type, straight from the database."""
    _, rows = store.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) ORDER BY l")
    out = {f"node:{l}": c for l, c in rows}
    _, rows = store.run("MATCH ()-[r]->() RETURN type(r), count(*) ORDER BY type(r)")
    out.update({f"rel:{t}": c for t, c in rows})
    return out


def snapshot(store) -> tuple[list, list]:
    """Every node's labels and properties (facts included) and every relationship's, sorted: for before/after checks."""
    _, nodes = store.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id")
    _, rels = store.run(
        "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r) AS p ORDER BY r.key, a.id, b.id"
    )
    return nodes, rels


# -- a free port and a proxy that can "kill the server" ------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CuttableProxy:
    """A TCP proxy in front of the real server. After `cut_after` bytes from the client it
    drops every connection (mid-message, if that is where the count falls) and refuses new
    ones, exactly what a client sees when the server dies mid-load. `sent` counts the bytes."""

    def __init__(self, target: str, cut_after: int | None = None):
        host_port = target.split("://", 1)[-1].rstrip("/")
        host, _, port = host_port.rpartition(":")
        self.target = (host or "localhost", int(port or 7687))
        self.cut_after = cut_after
        self.sent = 0
        self.dead = threading.Event()
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.dead.is_set():
            try:
                client, _ = self._listener.accept()
            except (socket.timeout, OSError):
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            for s in (client, upstream):
                s.settimeout(None)
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if self.dead.is_set():
                    client.close()
                    upstream.close()
                    return
                self._socks += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, counted: bool) -> None:
        try:
            while not self.dead.is_set():
                data = src.recv(65536)
                if not data:
                    break
                if counted:
                    with self._lock:
                        if self.cut_after is not None and self.sent + len(data) >= self.cut_after:
                            keep = max(0, self.cut_after - self.sent)
                            self.sent += keep
                            if keep:
                                dst.sendall(data[:keep])
                            self._kill_locked()
                            return
                        self.sent += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _kill_locked(self) -> None:
        self.dead.set()
        try:
            self._listener.close()
        except OSError:
            pass
        for s in self._socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def kill(self) -> None:
        with self._lock:
            self._kill_locked()

    def close(self) -> None:
        self.kill()
        self._thread.join(timeout=2)


# -- facts read by hand from the sample corpus ----------------------------------
CURATED = [
    # (type, from, to, a piece of the sentence that states it, extras)
    ("REFUSED_TO_SIGN", "league-of-communists-of-yugoslavia", "moscow-declaration-1957", "the Yugoslavs refused to sign the documents of the meeting", {"date": "1957-11"}),
    ("REFUSED_TO_SIGN", "league-of-communists-of-yugoslavia", "peace-manifesto-1957", "the Yugoslavs refused to sign the documents of the meeting", {"date": "1957-11"}),
    ("CONDEMNED", "enver-hoxha", "league-of-communists-of-yugoslavia", "condemning the Yugoslav positions", {"date": "1957-10-26"}),
    ("SUPPORTED", "mao-zedong", "nikita-khrushchev", "publicly affirmed support for Khrushchev's leadership", {"date": "1957-11-18"}),
    ("MET_WITH", "mao-zedong", "kim-il-sung", "by holding bilateral talks with the Korean leader Kim Il Sung", {"date": "1957-11"}),
    ("SIGNED", "chinese-communist-party", "moscow-declaration-1957", "the Chinese Communist Party signed both the declaration and peace manifesto", {}),
    ("SIGNED", "chinese-communist-party", "peace-manifesto-1957", "the Chinese Communist Party signed both the declaration and peace manifesto", {}),
    ("OPPOSED", "wladyslaw-gomulka", "moscow-declaration-1957", "had unsuccessfully lobbied to exclude the wording", {}),
    ("EXPELLED", "communist-party-of-denmark", "aksel-larsen", "for which he was subsequently expelled from his party", {}),
]

#: A name that would be an injection if anything built Cypher from text.
EVIL_NAME = "x'}) DETACH DELETE n //"


def _sentence(text: str, piece: str) -> tuple[int, int]:
    """Offsets of the sentence of `text` that contains `piece`."""
    at = text.index(piece)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
    end = min(x for x in (text.find(". ", at), text.find(".\n", at), len(text) - 1) if x >= 0) + 1
    return start, end


def curated_facts(with_evil: bool = False) -> SourceFacts:
    """A source of hand-read facts whose evidence are real sentences of the sample corpus (method 'curated').

    The evidence points into the corpus text by its offsets, so every quote can be cut
    again from the file; with_evil adds a discovered person named EVIL_NAME who condemned Tito.
    """
    from loaders.gazetteer import default_gazetteer
    from loaders.reader import read_document

    gaz = default_gazetteer()
    doc = read_document(MEETING_TEXT)
    relations, ids = [], set()
    for type_, a, b, piece, extra in CURATED:
        s, e = _sentence(doc.text, piece)
        ev = Evidence(doc.id, s, e, doc.text[s:e], "curated", "")
        pol = {"polarity": INTERACTION[type_]} if type_ in INTERACTION else {}
        relations.append(Relation(type_, a, b, (ev,), **pol, **extra))
        ids |= {a, b}
    nodes = [gaz[i].node for i in sorted(ids)]
    if with_evil:
        evil = Node(id=slugify(EVIL_NAME), label="Person", name=EVIL_NAME, discovered=True)
        s, e = _sentence(doc.text, "Tito cancelled his trip to Moscow")
        relations.append(Relation("CONDEMNED", evil.id, "josip-broz-tito", (Evidence(doc.id, s, e, doc.text[s:e], "curated", ""),), polarity=-1))
        nodes += [evil, gaz["josip-broz-tito"].node]
    body = "\n".join(f"{r.key}\t{r.evidence[0].start_char}" for r in relations)
    source = Node(
        id="source-curated-1957",
        label="Source",
        name="Facts read by hand from the sample corpus",
        title="Facts read by hand from the sample corpus",
        sha256=hashlib.sha256(body.encode()).hexdigest(),
    )
    return SourceFacts(source, tuple(sorted(nodes, key=lambda n: n.id)), tuple(sorted(relations, key=lambda r: r.key)))


def renamed(facts: list[SourceFacts], copy: int) -> list[SourceFacts]:
    """The same facts as if stated by other texts: every source id gets a suffix (for evidence merging and benchmarks)."""
    out = []
    for f in facts:
        sid = f"{f.source.id}-copy{copy}"
        src = Node(id=sid, label="Source", name=f.source.name, title=f.source.title, path=f.source.path, sha256=f.source.sha256)
        rels = tuple(
            Relation(
                r.type, r.source, r.target,
                tuple(Evidence(sid if e.source == f.source.id else e.source, e.start_char, e.end_char, e.quote, e.method, e.section) for e in r.evidence),
                polarity=r.polarity, role=r.role, date=r.date, start=r.start, end=r.end,
            )
            for r in f.relations
        )  # fmt: skip
        out.append(SourceFacts(src, f.nodes, rels, f.warnings))
    return out


def wait_until(predicate, timeout: float = 10.0) -> bool:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if predicate():
            return True
        time.sleep(0.05)
    return False
