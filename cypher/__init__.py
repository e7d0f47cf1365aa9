"""The Cypher files. Every statement bloc runs lives here and is read by `load`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from graph.errors import QueryError


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (``queries/x`` for the query library)."""
    if not name or ".." in name or name.startswith("/"):
        raise QueryError(f"bad Cypher file name {name!r}")
    path = resources.files(__package__).joinpath(*f"{name}.cypher".split("/"))
    if not path.is_file():
        raise QueryError(f"no Cypher file named {name!r}")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file (split on ';' at line ends), comments dropped."""
    text = "\n".join(line for line in load(name).splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in text.split(";\n") if s.strip().rstrip(";").strip()]
