"""The embedded store: one JSON file of every source's facts, replaced atomically.

A write goes to a temporary file in the same folder, is flushed to disk and
then renamed over the old one, so a reader (or a killed writer) only ever sees
the old store or the new one, never half of one. A lock file keeps two writers
from interleaving.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from graph.build import build_graph
from graph.errors import ModelError, StoreError
from graph.model import SourceFacts, facts_from_dict, facts_to_dict, source_version
from graph.stores.base import LoadResult, Progress, classify

FORMAT = "bloc-store"
VERSION = 1
FILE = "store.json"


class FileStore:
    """A folder holding ``store.json``; created on first write."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.file = self.path / FILE

    def __repr__(self) -> str:
        return f"FileStore({str(self.path)!r})"

    # -- reading -----------------------------------------------------------
    def _read(self) -> dict[str, Any]:
        if not self.file.exists():
            return {"format": FORMAT, "version": VERSION, "sources": {}, "properties": {}}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.file}: cannot read the store ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StoreError(f"{self.file}: not a bloc store")
        if data.get("version") != VERSION:
            raise StoreError(f"{self.file}: store version {data.get('version')} is not {VERSION}; reload into a new store")
        return data

    def facts(self) -> list[SourceFacts]:
        data = self._read()
        try:
            return [facts_from_dict(rec["facts"]) for _, rec in sorted(data["sources"].items())]
        except (ModelError, KeyError) as exc:
            raise StoreError(f"{self.file}: corrupt store ({exc})") from None

    @staticmethod
    def _versions(data: dict[str, Any]) -> dict[str, str]:
        return {sid: rec.get("version", rec.get("sha256", "")) for sid, rec in data["sources"].items()}

    def versions(self) -> dict[str, str]:
        return self._versions(self._read())

    def graph(self) -> nx.MultiDiGraph:
        data = self._read()
        g = build_graph(facts_from_dict(rec["facts"]) for _, rec in sorted(data["sources"].items()))
        for node_id, props in sorted(data.get("properties", {}).items()):
            if node_id in g:
                g.nodes[node_id].update(props)
        return g

    # -- writing -----------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fh = open(self.path / ".lock", "w")
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc.strerror})") from None
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"{self.path}: another bloc process is writing this store") from None
            yield

    def _write(self, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for stale in self.path.glob(".store-*.tmp"):  # left by a writer that was killed (we hold the lock)
            stale.unlink()
        fd, tmp = tempfile.mkstemp(prefix=".store-", suffix=".tmp", dir=self.path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.file)
            dir_fd = os.open(self.path, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def load(self, facts: list[SourceFacts], progress: Progress | None = None) -> LoadResult:
        """Add or replace sources; the same text again changes nothing (not even the file)."""
        with self._locked():
            data = self._read()
            old = self._versions(data)
            added, replaced, unchanged = classify(old, facts)
            changed = set(added) | set(replaced)
            for f in facts:
                if f.source.id in changed:
                    data["sources"][f.source.id] = {"sha256": f.source.sha256, "version": source_version(f.source), "facts": facts_to_dict(f)}
            # the graph must build before anything is written: a bad fact leaves the old store as it was
            g = build_graph(facts_from_dict(rec["facts"]) for _, rec in sorted(data["sources"].items()))
            if changed or not self.file.exists():
                self._write(data)
            if progress:
                progress(len(facts))
            return LoadResult(tuple(added), tuple(replaced), tuple(unchanged), g.number_of_nodes(), g.number_of_edges())

    def write_properties(self, values: dict[str, dict[str, Any]]) -> int:
        with self._locked():
            data = self._read()
            props = data.setdefault("properties", {})
            for node_id, kv in values.items():
                props.setdefault(node_id, {}).update(kv)
            self._write(data)
        return len(values)

    def close(self) -> None:
        pass
