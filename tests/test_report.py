"""The combined report: every section, the quotes behind its claims, stable output in each format."""

from __future__ import annotations

import json

from click.testing import CliRunner

from fixtures_corpus import mini_bloc, mini_facts, gold_graph  # noqa: F401 (a fixture)
from graph.report import render_blocks, render_report, report_data
from graph.stores.file import FileStore


def test_report_data_has_every_analysis():
    d = report_data(mini_bloc())
    assert set(d) == {"graph", "factions", "communities", "robustness", "slices", "alignments", "centrality"}
    assert d["factions"]["frustration"] == 1
    assert [c["method"] for c in d["communities"]] == ["louvain", "leiden"]
    assert [t["thread"] for t in d["alignments"]["threads"]] == ["sino-soviet", "yugoslav", "albanian"]
    assert d["centrality"]["ranking"][0]["id"] == "nikita-khrushchev"


def test_markdown_report_states_claims_with_their_quotes():
    md = render_report(report_data(mini_bloc()), "markdown")
    for heading in ("# bloc report", "## Camps by structural balance", "### Robustness", "## Communities of cooperation and co-attendance", "## Camps year by year", "## Alignments", "### The Sino-Soviet thread", "## Centrality (all)"):
        assert heading in md
    assert "Frustration: 1 of 10 signed relationships" in md
    assert "> 1955 · ALLIED_WITH + · Nikita Khrushchev → Josip Broz Tito: “He also mended fences with the Yugoslav leader Iosip Broz Tito” [mini]" in md
    assert "| Communist Party of the Soviet Union | A (1956) | B (1957) |" in md
    assert md == render_report(report_data(mini_bloc()), "markdown")


def test_html_and_text_and_json():
    d = report_data(mini_bloc())
    page = render_report(d, "html")
    assert page.startswith("<!DOCTYPE html>") and "<table>" in page and "&amp;" not in page.split("<body>")[0]
    assert "mended fences" in page
    text = render_report(d, "table")
    assert "Camps by structural balance\n===" in text
    data = json.loads(render_report(d, "json"))
    assert data["factions"]["factions"][0]["id"] == "A"


def test_blocks_escape_html():
    out = render_blocks([("p", "<script>"), ("table", ("a",), [("x|y",)])], "html")
    assert "&lt;script&gt;" in out and "<script>" not in out
    assert "x\\|y" in render_blocks([("table", ("a",), [("x|y",)])], "markdown")


def test_cli_report(tmp_path):
    from cli import cli

    store = tmp_path / "store"
    FileStore(store).load(mini_facts())
    run = lambda *a: CliRunner().invoke(cli, ["--store", str(store), "report", *a], catch_exceptions=False, env={"NEO4J_URI": None})  # noqa: E731
    r = run()
    assert r.exit_code == 0 and r.stdout.startswith("# bloc report") and "mended fences" in r.stdout
    out = tmp_path / "out" / "report.html"
    r = run("--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert r.exit_code == 0 and "<svg" in page and "Camps by structural balance" in page
    assert json.loads(run("--format", "json").stdout)["factions"]["method"] == "balance"


def test_corpus_report(sample_graph):
    """On the sample corpus: the report renders in every format and names its sources."""
    d = report_data(sample_graph)
    md = render_report(d, "markdown")
    assert "source-000-e9b5b5c157e9008d" in md and "## Camps by structural balance" in md
    assert render_report(d, "html").endswith("</html>\n")


def test_gold_report(gold_graph):
    md = render_report(report_data(gold_graph), "markdown")
    assert "He also mended fences with the Yugoslav leader Iosip Broz Tito" in md
    assert "| 1 | Nikita Khrushchev | Person |" in md
    assert "\n### The Albanian thread\n" in md
