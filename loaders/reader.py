"""Texts in: a file becomes a `Document` of blocks (headings, paragraphs, list items) with offsets.

Offsets are code-point offsets into the file's text decoded as UTF-8 with its
line endings untouched, so ``text[start:end]`` cuts any quote back out of the
source. Wiki-style headings (``= Title =``, ``==Section==``), Markdown ATX headings
(``# Title``, ``## Section``) and list items
(``- ...``, ``* ...``, ``+ ...``) become structure; a short title-like line standing alone between
blank lines in plain prose is read as a heading too.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from graph.errors import InputError
from graph.model import slugify

TEXT_SUFFIXES = (".txt", ".md", ".text", ".wiki")

_WIKI_HEADING = re.compile(r"^(=+)\s*(.+?)\s*\1\s*$")
_ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")  # Markdown: '# Title', '## Section ##'
_ITEM = re.compile(r"^\s*[-*+\u2022]\s+(.*\S)\s*$")
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,3}[.)]\s+(.*\S)\s*$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: Sections that point elsewhere rather than state anything: their blocks are not read as evidence.
APPARATUS = re.compile(r"^(see also|references|notes|footnotes|citations|sources|bibliography|further reading|external links)$", re.I)


@dataclass(frozen=True)
class Block:
    """One structural piece of a document: a heading, a paragraph or a list item."""

    kind: str  # "heading" | "paragraph" | "item"
    start: int  # offsets of the block's content (markup such as '= ' or '- ' excluded)
    end: int
    level: int  # heading level (1 = title); for other blocks the level of the enclosing heading
    section: str  # the heading path above the block, joined with " > "
    list_heading: str = ""  # for items: the heading right above the list


@dataclass(frozen=True)
class Document:
    """A loaded text: its id, path, hash, title and blocks."""

    id: str
    path: str
    text: str
    sha256: str
    title: str
    blocks: tuple[Block, ...]

    def cut(self, start: int, end: int) -> str:
        return self.text[start:end]


def source_id(path: Path, sha256: str) -> str:
    """A Source id stable across machines: the file's stem, slugged."""
    return "source-" + slugify(path.stem)


def read_text_file(path: Path) -> tuple[str, str]:
    """The text and sha256 of one file; bad files raise InputError naming them."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", str(path)) from None
    if not data.strip():
        raise InputError("file is empty", str(path))
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text", str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte {exc.start})", str(path), line) from None
    return text, hashlib.sha256(data).hexdigest()


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 8
        and len(line) <= 80
        and line[0].isupper()
        and line.rstrip()[-1] not in ".!?:;,\u2019'\")"
        and not line.lower().startswith(("keywords", "see also"))
        and sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(1, len(words) // 2)
    )


def parse(text: str, path: str = "<text>", sha256: str = "") -> tuple[str, tuple[Block, ...]]:
    """Split text into blocks; returns (title, blocks)."""
    lines: list[tuple[int, str]] = []  # (offset, line without its ending)
    for m in _LINE.finditer(text):
        raw = m.group(0)
        if not raw:
            break
        line = raw.rstrip("\r\n")
        if m.start() == 0 and line.startswith("\ufeff"):  # a byte-order mark is not text
            lines.append((1, line[1:]))
        else:
            lines.append((m.start(), line))

    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []  # stack of (level, title)
    title = ""
    para: list[tuple[int, str]] = []
    prev_blank = True

    def section() -> str:
        return " > ".join(t for lvl, t in headings if lvl > 1 or len(headings) == 1)

    def flush() -> None:
        if not para:
            return
        start = para[0][0] + (len(para[0][1]) - len(para[0][1].lstrip()))
        last_off, last = para[-1]
        end = last_off + len(last.rstrip())
        level = headings[-1][0] if headings else 0
        blocks.append(Block("paragraph", start, end, level, section()))
        para.clear()

    for i, (off, line) in enumerate(lines):
        stripped = line.strip()
        next_blank = i + 1 >= len(lines) or not lines[i + 1][1].strip()
        wiki = _WIKI_HEADING.match(stripped) or _ATX_HEADING.match(stripped)
        item = _ITEM.match(line) or _NUMBERED_ITEM.match(line)
        if not stripped:
            flush()
            prev_blank = True
            continue
        if wiki or (prev_blank and next_blank and not item and _looks_like_heading(stripped) and blocks):
            flush()
            if wiki:
                level, name = len(wiki.group(1)), wiki.group(2)
                start = off + line.index(name)
            else:
                level, name = 2, stripped
                start = off + line.index(stripped)
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, name))
            if level == 1 and not title:
                title = name
            blocks.append(Block("heading", start, start + len(name), level, section()))
        elif item:
            flush()
            content = item.group(1)
            start = off + line.index(content)
            level = headings[-1][0] if headings else 0
            list_heading = headings[-1][1] if headings else ""
            blocks.append(Block("item", start, start + len(content), level, section(), list_heading))
        else:
            para.append((off, line))
        prev_blank = False
    flush()
    if not title:
        title = Path(path).stem
    return title, _without_apparatus(blocks)


def _without_apparatus(blocks: list[Block]) -> tuple[Block, ...]:
    """Drop "See also", "References" and the like (heading and content): links are not statements."""
    out: list[Block] = []
    skip_level: int | None = None
    for b in blocks:
        if b.kind == "heading":
            if skip_level is not None and b.level <= skip_level:
                skip_level = None
            if skip_level is None and APPARATUS.match(b.section.rsplit(" > ", 1)[-1].strip()):
                skip_level = b.level
        if skip_level is None:
            out.append(b)
    return tuple(out)


def read_document(path: Path) -> Document:
    """One text file as a Document."""
    text, sha = read_text_file(path)
    title, blocks = parse(text, str(path), sha)
    return Document(id=source_id(path, sha), path=str(path), text=text, sha256=sha, title=title, blocks=blocks)


def expand_paths(paths: list[str | os.PathLike[str]], warn=lambda msg: None) -> list[tuple[Path, bool]]:
    """Files and folders -> (text file, named explicitly?) in a stable order.

    Missing paths and folders without text files are errors; a file found inside a
    folder that turns out bad is later skipped with a warning, a file named
    explicitly is an error.
    """
    out: list[tuple[Path, bool]] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError("no such file or directory", str(path))
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            skipped = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() not in TEXT_SUFFIXES)
            for f in skipped:
                if f.name.lower() != "readme.md":
                    warn(f"skipping {f}: not a text file ({'/'.join(TEXT_SUFFIXES)})")
            found = [f for f in found if f.name.lower() != "readme.md"]
            if not found:
                raise InputError("directory holds no text files", str(path))
            out.extend((f, False) for f in found)
        else:
            out.append((path, True))
    seen: set[Path] = set()
    unique = []
    for f, explicit in out:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append((f, explicit))
    return unique


def iter_documents(paths: list[tuple[Path, bool]], warn=lambda msg: None) -> Iterator[Document]:
    """Read files one at a time (streaming); a bad file found in a folder is a warning and a skip."""
    for path, explicit in paths:
        try:
            yield read_document(path)
        except InputError as exc:
            if explicit:
                raise
            warn(f"skipping {exc}")
