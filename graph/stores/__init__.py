"""Stores: the embedded file store (default) and Neo4j (when a URI is given or NEO4J_URI is set)."""

from __future__ import annotations

import os

from graph.stores.base import LoadResult, Store
from graph.stores.file import FileStore

__all__ = ["FileStore", "LoadResult", "Store", "open_store", "default_store_dir"]


def default_store_dir() -> str:
    return os.environ.get("BLOC_STORE") or ".bloc"


def open_store(store_dir=None, neo4j_uri=None, user=None, password=None, database=None) -> Store:
    """The store to use: Neo4j if a URI is given (or NEO4J_URI is set), else the file store."""
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from graph.stores.neo4j import Neo4jStore

        return Neo4jStore(
            uri,
            user or os.environ.get("NEO4J_USER", "neo4j"),
            password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
            database=database or os.environ.get("NEO4J_DATABASE") or None,
        )
    return FileStore(store_dir or default_store_dir())
