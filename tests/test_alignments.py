"""Alignment threads: sides from countries, timelines with quotes, net balance and camps per year."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fixtures_corpus import CCP, CPSU, mini_bloc, mini_facts, gold_graph  # noqa: F401 (a fixture)
from graph.analysis.alignments import alignment, alignments, load_threads, parse_threads, side_members
from graph.errors import InputError
from graph.stores.file import FileStore


def thread(tid):
    return next(t for t in load_threads() if t.id == tid)


def test_builtin_threads_are_data():
    assert [t.id for t in load_threads()] == ["sino-soviet", "yugoslav", "albanian"]
    y = thread("yugoslav")
    assert y.focus_sides == ("yugoslavia",) and y.others
    assert [s.country for s in thread("sino-soviet").sides] == ["soviet-union", "china"]


def test_sides_gather_a_countrys_actors():
    members = side_members(mini_bloc(), thread("sino-soviet"))
    assert members["soviet-union"] == ["communist-party-of-the-soviet-union", "cpsu-delegation-1957", "mikhail-suslov", "nikita-khrushchev", "soviet-union", "vyacheslav-molotov"]
    assert members["china"] == ["ccp-delegation-1957", "china", CCP, "mao-zedong"]


def test_yugoslav_thread_timeline_balance_and_camps():
    t = alignment(mini_bloc(), thread("yugoslav"))
    assert [(r["date"], r["type"], r["from_side"], r["to_side"]) for r in t["timeline"]] == [
        ("1955", "ALLIED_WITH", "soviet-union", "yugoslavia"),
        ("1957-10-26", "CONDEMNED", "albania", "yugoslavia"),
        ("1957-11", "OPPOSED", "china", "yugoslavia"),
        ("1957-11", "SUPPORTED", "denmark", "yugoslavia"),  # others: true lets Larsen in
    ]
    assert all(r["quote"] for r in t["timeline"])
    years = {y["year"]: y for y in t["years"]}
    assert years["1955"]["net"] == 1 and years["1957"]["net"] == -1
    assert [[c["id"] for c in camp] for camp in years["1957"]["camps"]] == [["albania", "china"], ["denmark", "yugoslavia"]]
    assert [[c["id"] for c in camp] for camp in years["1955"]["camps"]] == [["soviet-union", "yugoslavia"]]


def test_sino_soviet_thread_keeps_to_its_two_sides():
    t = alignment(mini_bloc(), thread("sino-soviet"))
    assert t["net"] == 2 and {(r["from_side"], r["to_side"]) for r in t["timeline"]} == {("soviet-union", "china"), ("china", "soviet-union")}


def test_a_thread_of_ones_own(tmp_path):
    f = tmp_path / "polish.yaml"
    f.write_text("- id: polish\n  name: Polish October\n  sides: [poland, soviet-union]\n", encoding="utf-8")
    threads = load_threads([f], builtin=False)
    d = alignments(mini_bloc(), threads)
    [t] = d["threads"]
    assert t["name"] == "Polish October" and [r["type"] for r in t["timeline"]] == ["OPPOSED"]
    assert t["timeline"][0]["from_name"] == "Władysław Gomułka"  # his party, PUWP, is Poland's


@pytest.mark.parametrize(
    "text,message",
    [
        ("- id: x\n  sides: [a]\n", "at least two `sides`"),
        ("- id: x\n  sides: [a, b]\n  focus: [c]\n", "every `focus` must be one of its sides"),
        ("- id: x\n  sides: [a, b]\n  colour: red\n", "unknown field"),
        ("[", "not valid YAML"),
    ],
)
def test_bad_thread_files(text, message):
    with pytest.raises(InputError, match=message):
        parse_threads(text, "t.yaml")


def test_unknown_thread_named():
    with pytest.raises(InputError, match="no thread named cuban"):
        alignments(mini_bloc(), only=["cuban"])


def test_cli_alignments(tmp_path):
    from cli import cli

    store = tmp_path / "store"
    FileStore(store).load(mini_facts())
    run = lambda *a: CliRunner().invoke(cli, ["--store", str(store), "alignments", *a], env={"NEO4J_URI": None})  # noqa: E731
    d = json.loads(run("--only", "albanian", "--format", "json").stdout)
    assert [t["thread"] for t in d["threads"]] == ["albanian"]
    md = run("--format", "markdown").stdout
    assert "## The Yugoslav thread" in md and "| 1957 | -1 |" in md
    assert "condemning the Yugoslav positions" in md
    bad = run("--thread", str(tmp_path / "missing.yaml"))
    assert bad.exit_code == 1 and "no such thread file" in bad.stderr


def test_corpus_alignments(sample_graph):
    """On the sample corpus: each thread finds its sides' actors, and every entry of a timeline has its quote."""
    d = alignments(sample_graph)
    for t in d["threads"]:
        assert all(s["members"] >= 3 for s in t["sides"])
        assert all(r["quote"] and r["polarity"] is not None for r in t["timeline"])
    members = side_members(sample_graph, thread("sino-soviet"))
    assert CPSU in members["soviet-union"] and CCP in members["china"] and "mao-zedong" in members["china"]


def test_gold_alignments(gold_graph):
    """With the relations a reader finds: Hoxha's 1957 condemnation sets Albania against Yugoslavia that year;
    the Sino-Soviet thread holds both the backing of 1956-1957 and the later split."""
    d = {t["thread"]: t for t in alignments(gold_graph)["threads"]}
    yug = d["yugoslav"]
    hoxha = [r for r in yug["timeline"] if r["type"] == "CONDEMNED" and r["from"] == "enver-hoxha"]
    assert hoxha and hoxha[0]["date"] == "1957-10-26"
    y1957 = next(y for y in yug["years"] if y["year"] == "1957")
    assert y1957["net"] < 0 and [[c["id"] for c in camp] for camp in y1957["camps"]] == [["albania"], ["yugoslavia"]]
    sino = d["sino-soviet"]
    types = {r["type"] for r in sino["timeline"]}
    assert {"SUPPORTED", "SPLIT_WITH"} <= types and sino["net"] > 0
    alb = d["albanian"]
    assert {(r["from_side"], r["to_side"], r["type"]) for r in alb["timeline"]} >= {("albania", "china", "ALLIED_WITH"), ("albania", "soviet-union", "SPLIT_WITH")}
