"""bloc's one error hierarchy. The CLI turns any BlocError into `Error: ...` and exit code 1."""

from __future__ import annotations


class BlocError(Exception):
    """Base of every error a user can meet; its message is one line meant for them."""


class InputError(BlocError):
    """Bad input: a missing path, an empty or binary file, malformed data. Names the file (and line)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class ModelError(BlocError):
    """A fact that breaks the model's rules (unknown label or type, evidence that does not fit)."""


class ExtractionError(BlocError):
    """A loader bug caught by a self-check, such as a quote that does not re-cut from its source."""


class StoreError(BlocError):
    """The store cannot be read or written (corrupt file, version mismatch, lock held)."""


class Neo4jError(StoreError):
    """The Neo4j server is unreachable, refused the credentials, or failed a statement."""


class QueryError(BlocError):
    """An unknown library query, a bad parameter, or a write attempted without --write."""


class NotFound(BlocError):
    """No actor matches the name asked for."""
