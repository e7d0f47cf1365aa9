"""Every command's output and exit code, through click's CliRunner."""

import json

import pytest
from click.testing import CliRunner

from cli import cli

LIST_TEXT = "= The Ruritanian Party Conference of 1961 =\n\n==Delegations==\n- Communist Party of Finland, delegation headed by Ville Pessi.\n- Communist Party of Ruritania, delegation led by Rudolf Rassendyll and Fritz von Tarlenheim.\n"


@pytest.fixture()
def run(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    runner = CliRunner()
    store = str(tmp_path / "store")

    def invoke(*args, input=None):
        return runner.invoke(cli, ["--store", store, *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture()
def small(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text(LIST_TEXT, encoding="utf-8")
    return p


def test_help_lists_commands(run):
    r = run("--help")
    assert r.exit_code == 0
    for cmd in ("load", "stats", "show", "export", "report"):
        assert f"  {cmd}" in r.output


def test_load_json_then_idempotent(run, small):
    r = run("load", str(small), "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["added"] == ["source-notes"] and out["unchanged"] == []
    r2 = run("load", str(small), "--format", "json")
    assert json.loads(r2.stdout)["unchanged"] == ["source-notes"]
    assert json.loads(r2.stdout)["relationships"] == out["relationships"]


def test_load_table_output(run, small):
    r = run("load", str(small))
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["what", "count"]
    assert lines[2].split() == ["added", "1"]
    assert lines[4].split() == ["unchanged", "0"]


def test_stats_counts(run, small):
    run("load", str(small))
    r = run("stats", "--format", "json")
    s = json.loads(r.stdout)
    assert s["labels"]["Delegation"] == 2
    assert s["types"]["HEADED"] == 3
    assert s["sources"] == ["source-notes"]
    md = run("stats", "--format", "markdown").stdout
    assert "| relationship | HEADED | 3 |" in md


def test_show_discovered_party_with_quote(run, small):
    run("load", str(small))
    r = run("show", "Rudolf Rassendyll", "--format", "json")
    assert r.exit_code == 0
    s = json.loads(r.stdout)
    assert s["node"]["discovered"] is True
    (rel,) = s["relationships"]
    assert rel["type"] == "HEADED" and rel["other"].startswith("delegation-communist-party-of-ruritania")
    assert rel["evidence"][0]["quote"] == "Communist Party of Ruritania, delegation led by Rudolf Rassendyll and Fritz von Tarlenheim."
    table = run("show", "rudolf rassendyll").stdout
    assert table.startswith("Rudolf Rassendyll (rudolf-rassendyll)")
    assert "Communist Party of Ruritania, delegation led by Rudolf Rassendyll and Fritz von Tarlenheim." in table  # quotes are never cut


def test_show_unknown_name_is_an_error(run, small):
    run("load", str(small))
    r = run("show", "Nobody At All")
    assert r.exit_code == 1
    assert r.stderr == "Error: no actor named 'Nobody At All' in the store\n"


@pytest.mark.parametrize("fmt, name", [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json"), ("csv", "csvdir")])
def test_export_writes_files(run, small, tmp_path, fmt, name):
    run("load", str(small))
    target = tmp_path / name
    r = run("export", "--format", fmt, "-o", str(target))
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "wrote" in r.stderr
    assert target.exists()


def test_missing_path_error(run, tmp_path):
    r = run("load", str(tmp_path / "missing.txt"))
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines()[-1] == f"Error: {tmp_path / 'missing.txt'}: no such file or directory"


def test_bad_file_keeps_the_store(run, small, tmp_path):
    run("load", str(small))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    r = run("load", str(bad))
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines()[-1] == f"Error: {bad}: binary file, not text"
    assert json.loads(run("stats", "--format", "json").stdout)["sources"] == ["source-notes"]


def test_empty_file_error(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    r = run("load", str(empty))
    assert r.exit_code == 1 and r.stderr.strip().endswith(f"Error: {empty}: file is empty")


def test_default_load_is_the_sample_corpus(run):
    r = run("load", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["added"] == ["source-000-e9b5b5c157e9008d", "source-003-3e1a935d84facd1c"]
    rep = run("report", "--format", "markdown")
    assert rep.exit_code == 0


def test_reload_skips_current_texts_and_rereads_after_gazetteer_change(run, small, tmp_path, monkeypatch):
    from loaders.pipeline import Extractor

    parsed: list[str] = []
    real = Extractor.extract_document
    monkeypatch.setattr(Extractor, "extract_document", lambda self, doc, p: parsed.append(doc.id) or real(self, doc, p))
    run("load", str(small))
    assert parsed == ["source-notes"]
    again = json.loads(run("load", str(small), "--format", "json").stdout)
    assert again["unchanged"] == ["source-notes"] and parsed == ["source-notes"]  # not parsed a second time
    extra = tmp_path / "extra.yaml"
    extra.write_text("- label: Person\n  name: Rudolf Rassendyll\n  aliases: [Rassendyll]\n", encoding="utf-8")
    third = json.loads(run("load", str(small), "--gazetteer", str(extra), "--format", "json").stdout)
    assert third["replaced"] == ["source-notes"] and parsed == ["source-notes", "source-notes"]
    node = json.loads(run("show", "Rassendyll", "--format", "json").stdout)["node"]
    assert node["id"] == "rudolf-rassendyll" and "discovered" not in node


def test_a_skipped_file_is_warned_about_once(run, small):
    (small.parent / "picture.png").write_bytes(b"\x89PNG")
    r = run("load", str(small.parent))
    assert r.exit_code == 0
    assert r.stderr.count("skipping") == 1 and "picture.png: not a text file" in r.stderr
