"""Pictures: what is drawn (camps, sizes, signs, quotes), and the same bytes for the same graph."""

from __future__ import annotations

from click.testing import CliRunner

from fixtures_corpus import CCP, CPSU, LCY, mini_bloc, mini_facts
from graph.draw import NEGATIVE, PALETTE, POSITIVE, draw, scene, short_name
from graph.stores.file import FileStore


def test_scene_colors_camps_sizes_by_centrality_and_signs_ties():
    sc = scene(mini_bloc())
    nodes = {n["id"]: n for n in sc["nodes"]}
    assert nodes[CCP]["color"] == nodes[CPSU]["color"] == PALETTE[0] and nodes[LCY]["color"] == PALETTE[1]
    assert nodes[CPSU]["short"] == "CPSU" and nodes[CCP]["camp"] == "A"
    assert max(sc["nodes"], key=lambda n: n["size"])["id"] in (CPSU, CCP, LCY)
    edges = {(e["a"], e["b"]): e for e in sc["edges"]}
    assert edges[(CCP, LCY)]["sign"] == -1 and edges[(CCP, CPSU)]["sign"] == 1
    assert [k for k, e in edges.items() if e["frustrated"]] == [(CPSU, LCY)]
    assert "mended fences" in edges[(CPSU, LCY)]["quotes"][0]
    assert "1 of 10 signed relationships frustrated" in sc["title"]


def test_short_names():
    assert short_name({"name": "Communist Party of the Soviet Union", "aliases": ["CPSU", "Soviet party"]}) == "CPSU"
    assert short_name({"name": "Mao Zedong"}) == "Mao Zedong"
    assert short_name({"name": "People's Socialist Party of the Dominican Republic"}).count("\n") == 2


def test_png_svg_html_are_written_and_stable(tmp_path):
    g = mini_bloc()
    for ext in ("png", "svg", "html"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        draw(g, a)
        draw(mini_bloc(), b)
        assert a.read_bytes() == b.read_bytes() and a.stat().st_size > 5000
    assert (tmp_path / "a.png").read_bytes().startswith(b"\x89PNG")
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "CPSU" in svg
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "new vis.Network" in html and '<script src="http' not in html  # vis-network inlined: works offline
    assert "mended fences with the Yugoslav leader" in html and NEGATIVE in html and POSITIVE in html


def test_cli_draw(tmp_path):
    from cli import cli

    store = tmp_path / "store"
    FileStore(store).load(mini_facts())
    run = lambda *a: CliRunner().invoke(cli, ["--store", str(store), "draw", *a], env={"NEO4J_URI": None})  # noqa: E731
    out = tmp_path / "pics" / "bloc.png"
    r = run("-o", str(out), "--from", "1956", "--to", "1957")
    assert r.exit_code == 0 and out.exists() and "wrote" in r.stderr
    bad = run("-o", str(tmp_path / "bloc.gif"))
    assert bad.exit_code == 2 and ".png, .svg or .html" in bad.stderr


def test_corpus_picture(sample_graph, tmp_path):
    sc = draw(sample_graph, tmp_path / "corpus.svg")
    assert (tmp_path / "corpus.svg").stat().st_size > 1000
    assert all(e["quotes"] for e in sc["edges"])
