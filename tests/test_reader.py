from pathlib import Path

import pytest

from graph.errors import InputError
from loaders.reader import expand_paths, iter_documents, parse, read_document

WIKI = "= Title =\n\nIntro line one.\n\n==Delegations==\n===Present at X===\n- Party A, delegation headed by B.\n- Party C\n\nAfter.\n"


def test_wiki_headings_items_and_sections():
    title, blocks = parse(WIKI)
    assert title == "Title"
    kinds = [(b.kind, b.level, WIKI[b.start : b.end]) for b in blocks]
    assert kinds == [
        ("heading", 1, "Title"),
        ("paragraph", 1, "Intro line one."),
        ("heading", 2, "Delegations"),
        ("heading", 3, "Present at X"),
        ("item", 3, "Party A, delegation headed by B."),
        ("item", 3, "Party C"),
        ("paragraph", 3, "After."),
    ]
    item = blocks[4]
    assert item.section == "Delegations > Present at X"
    assert item.list_heading == "Present at X"


MARKDOWN = "# Title\n\nIntro line.\n\n## Delegations ##\n### Present at X\n* Party A, headed by B.\n+ Party C\n- Party D\n\n#hashtag is prose.\n"


def test_markdown_atx_headings_and_bullets():
    title, blocks = parse(MARKDOWN)
    assert title == "Title"
    assert [(b.kind, b.level, MARKDOWN[b.start : b.end]) for b in blocks] == [
        ("heading", 1, "Title"),
        ("paragraph", 1, "Intro line."),
        ("heading", 2, "Delegations"),
        ("heading", 3, "Present at X"),
        ("item", 3, "Party A, headed by B."),
        ("item", 3, "Party C"),
        ("item", 3, "Party D"),
        ("paragraph", 3, "#hashtag is prose."),
    ]
    assert blocks[5].section == "Delegations > Present at X"
    assert blocks[5].list_heading == "Present at X"


def test_markdown_with_crlf_cuts_back_out(tmp_path: Path):
    text = "# T\r\n\r\n## S\r\n* one\r\nProse line.\r\n"
    p = tmp_path / "a.md"
    p.write_bytes(text.encode("utf-8"))
    doc = read_document(p)
    assert doc.title == "T"
    assert [(b.kind, doc.cut(b.start, b.end)) for b in doc.blocks] == [("heading", "T"), ("heading", "S"), ("item", "one"), ("paragraph", "Prose line.")]


def test_plain_prose_title_lines_are_headings():
    text = "First paragraph of prose, long enough.\n\nThe Secret Report\n\nOn 25 February 1956 something.\n"
    _, blocks = parse(text)
    assert [(b.kind, text[b.start : b.end]) for b in blocks] == [
        ("paragraph", "First paragraph of prose, long enough."),
        ("heading", "The Secret Report"),
        ("paragraph", "On 25 February 1956 something."),
    ]
    assert blocks[2].section == "The Secret Report"


def test_offsets_cut_back_out_with_crlf_and_bom(tmp_path: Path):
    text = "\ufeff= T =\r\n\r\nOne line.\r\nSecond line.\r\n- item one\r\n"
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode("utf-8"))
    doc = read_document(p)
    assert doc.text == text
    assert [doc.cut(b.start, b.end) for b in doc.blocks] == ["T", "One line.\r\nSecond line.", "item one"]


def test_sample_corpus_structure(corpus_dir):
    doc = read_document(corpus_dir / "000_e9b5b5c157e9008d.txt")
    assert doc.title == "1957 International Meeting of Communist and Workers Parties"
    items = [b for b in doc.blocks if b.kind == "item" and b.section.startswith("Delegations")]
    assert len(items) == 64
    assert doc.id == "source-000-e9b5b5c157e9008d"


@pytest.mark.parametrize(
    "content, message",
    [(b"", "file is empty"), (b"   \n", "file is empty"), (b"abc\x00def", "binary file"), (b"ok\n\xff\xfe bad", "not valid UTF-8")],
)
def test_bad_files_name_the_file(tmp_path: Path, content: bytes, message: str):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        read_document(p)
    assert str(p) in str(err.value)


def test_non_utf8_error_names_the_line(tmp_path: Path):
    p = tmp_path / "latin.txt"
    p.write_bytes("line one\nline two\nG\xf3mulka\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin.txt:3: not valid UTF-8"):
        read_document(p)


def test_missing_path_and_empty_folder(tmp_path: Path):
    with pytest.raises(InputError, match="no such file or directory"):
        expand_paths([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(InputError, match="directory holds no text files"):
        expand_paths([tmp_path / "empty"])


def test_bad_file_inside_folder_is_skipped_with_warning(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Good text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    warnings: list[str] = []
    docs = list(iter_documents(expand_paths([tmp_path], warnings.append), warnings.append))
    assert [Path(d.path).name for d in docs] == ["a.txt"]
    assert any("b.txt" in w and "binary" in w for w in warnings)


def test_see_also_and_references_are_not_read():
    text = "= T =\n\nProse.\n\n==See also==\n- Soviet–Albanian split\n\n===More===\n- x\n\n==Aftermath==\nMore prose.\n\n==References==\n- A book\n"
    _, blocks = parse(text)
    assert [text[b.start : b.end] for b in blocks] == ["T", "Prose.", "Aftermath", "More prose."]
