"""The Cypher query library and `bloc query`: headers, parameters, formats, and (against the real
server) that every library query returns what the sample texts say."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

import cypher
from graph import query as q
from graph.errors import QueryError
from graph.stores.file import FileStore
from neo4j_fixtures import CORPUS, EVIL_NAME, counts, curated_facts, neo4j_settings_fx, neo4j_store  # noqa: F401

ALL = q.names()


# -- the library's files ------------------------------------------------------------------
def test_the_library_answers_the_historians_questions():
    assert set(ALL) >= {
        "delegation-heads",
        "attended-both",
        "refused-to-sign",
        "conflicts",
        "shortest-path",
        "evidence",
        "neighbours-in-year",
    }


@pytest.mark.parametrize("name", ALL)
def test_every_query_has_a_complete_header(name):
    lq = q.get(name)
    assert lq.answers.endswith((".", "?")) and len(lq.answers) > 20
    assert lq.examples and all(e.startswith(f"bloc query {name}") for e in lq.examples)
    browser = [line for line in lq.text.splitlines() if line.startswith("// browser: :params {")]
    assert len(browser) == 1, "a `// browser: :params {...}` line for Neo4j Browser users"
    used = set(re.findall(r"\$(\w+)", "\n".join(line for line in lq.text.splitlines() if not line.lstrip().startswith("//"))))
    declared = {p.name for p in lq.params}
    assert used == declared, f"parameters used {sorted(used)} but declared {sorted(declared)}"
    for p in lq.params:
        assert p.help, f"{p.name} needs a description"
        assert f"{p.name}:" in browser[0]
    for e in lq.examples:  # the examples only use declared parameters
        assert set(re.findall(r"--param (\w+)=", e)) <= declared


def test_parameters_from_the_command_line():
    assert q.parse_param("year=1957") == ("year", 1957)
    assert q.parse_param("related=false") == ("related", False)
    assert q.parse_param("event=null") == ("event", None)
    assert q.parse_param("actor=Enver Hoxha") == ("actor", "Enver Hoxha")
    assert q.parse_param('actor="1957"') == ("actor", "1957")
    assert q.parse_param(f"actor={EVIL_NAME}") == ("actor", EVIL_NAME)
    assert q.parse_param("ids=[1, 2]") == ("ids", [1, 2])
    assert q.parse_param("x=a=b") == ("x", "a=b")
    for bad in ("novalue", "=x", "a b=1"):
        with pytest.raises(QueryError):
            q.parse_param(bad)


def test_binding_fills_defaults_and_refuses_unknown_or_missing_parameters():
    lq = q.get("conflicts")
    assert lq.bind({}) == {"actor": "league-of-communists-of-yugoslavia", "related": True}
    assert lq.bind({"actor": "x"})["actor"] == "x"
    with pytest.raises(QueryError, match="has no parameter actr"):
        lq.bind({"actr": "x"})
    with pytest.raises(QueryError, match="needs --param from"):
        q.get("shortest-path").bind({"to": "x"})
    with pytest.raises(QueryError, match="no library query named 'nope'"):
        q.get("nope")
    with pytest.raises(QueryError):
        cypher.load("queries/../schema")


def test_queries_need_the_neo4j_store(tmp_path):
    with pytest.raises(QueryError, match="NEO4J_URI"):
        q.run_query(FileStore(tmp_path), name="conflicts")
    with pytest.raises(QueryError):
        q.run_query(FileStore(tmp_path))


def test_formats():
    cols, rows = ["who", "quotes", "n"], [["Hoxha, Enver", ["a", "b"], 1], ["Tito", [], None]]
    parsed = list(csv.reader(io.StringIO(q.format_result(cols, rows, "csv"))))
    assert parsed == [["who", "quotes", "n"], ["Hoxha, Enver", '["a", "b"]', "1"], ["Tito", "[]", ""]]
    assert json.loads(q.format_result(cols, rows, "json")) == [dict(zip(cols, r)) for r in rows]
    table = q.format_result(cols, rows, "table")
    assert table.splitlines()[0].split() == cols and table.endswith("(2 rows)")


def test_cli_lists_the_library_without_a_server(tmp_path, monkeypatch):
    from cli import cli

    monkeypatch.delenv("NEO4J_URI", raising=False)
    r = CliRunner().invoke(cli, ["--store", str(tmp_path), "query", "--list", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [d["name"] for d in json.loads(r.output)] == ALL
    r = CliRunner().invoke(cli, ["--store", str(tmp_path), "query", "conflicts"])
    assert r.exit_code == 1 and "NEO4J_URI" in r.output and "Traceback" not in r.output


# -- against the server -------------------------------------------------------------------------
def corpus_texts() -> dict[str, str]:
    from loaders.reader import read_document

    return {d.id: d.text for d in (read_document(p) for p in sorted(CORPUS.glob("*.txt")))}


def list_items(text: str, heading: str) -> list[str]:
    """The '- ' items under a heading of the text, as written."""
    section = text.split(heading, 1)[1]
    section = re.split(r"\n=", section, maxsplit=1)[0]
    return [line[2:].strip() for line in section.splitlines() if line.startswith("- ")]


@pytest.fixture()
def loaded(neo4j_store, sample_facts):
    neo4j_store.load(list(sample_facts) + [curated_facts(with_evil=True)])
    return neo4j_store


def ask(store, name, **params):
    cols, rows = q.run_query(store, name=name, params=params)
    return [dict(zip(cols, r)) for r in rows]


def assert_quotes_are_the_texts(rows, texts):
    for r in rows:
        if r.get("quote") is not None:
            assert r["quote"] in texts[r["source"]], r


BOTH = "===Present for both the Conference of Representatives"
ONLY = "===Present only at the International Meeting"


@pytest.mark.neo4j
def test_delegation_heads(loaded):
    texts = corpus_texts()
    meeting = next(t for t in texts.values() if BOTH in t)
    rows = ask(loaded, "delegation-heads")
    assert_quotes_are_the_texts(rows, texts)
    headed = [i for i in list_items(meeting, BOTH) + list_items(meeting, ONLY) if re.search(r"\b(headed|led) by\b", i)]
    assert {r["quote"] for r in rows} == set(headed)
    heads = {(r["party"], r["headed_by"]) for r in rows}
    assert ("Party of Labour of Albania", "Enver Hoxha") in heads
    yugoslav = {h for p, h in heads if "Yugoslavia" in p}
    assert yugoslav == {"Edvard Kardelj", "Aleksandar Ranković"}
    assert not [r for r in rows if "Israel" in r["party"]]  # "represented by" names no head
    conference = ask(loaded, "delegation-heads", event="conference-of-socialist-countries-parties-1957")
    assert len(conference) == len(list_items(meeting, BOTH)) == 12
    assert {r["event"] for r in conference} == {"Conference of Representatives of Communist and Workers' Parties of Socialist Countries"}
    by_alias = ask(loaded, "delegation-heads", event="1957 MEETING")  # an alias, any case
    assert {r["event"] for r in by_alias} == {"1957 International Meeting of Communist and Workers Parties"}
    assert len(by_alias) == len(rows) - len(conference)


@pytest.mark.neo4j
def test_attended_both(loaded):
    texts = corpus_texts()
    meeting = next(t for t in texts.values() if BOTH in t)
    rows = ask(loaded, "attended-both")
    assert {r["first_quote"] for r in rows} == set(list_items(meeting, BOTH))
    assert len(rows) == 12 and "League of Communists of Yugoslavia" not in {r["party"] for r in rows}
    swapped = ask(loaded, "attended-both", first="international-meeting-1957", second="conference-of-socialist-countries-parties-1957")
    assert {r["party"] for r in swapped} == {r["party"] for r in rows}


@pytest.mark.neo4j
def test_refused_to_sign(loaded):
    texts = corpus_texts()
    rows = ask(loaded, "refused-to-sign")
    assert_quotes_are_the_texts(rows, texts)
    assert {(r["who"], r["document"]) for r in rows} >= {
        ("League of Communists of Yugoslavia", "Moscow Declaration"),
        ("League of Communists of Yugoslavia", "Peace Manifesto"),
    }
    yugoslav = [r for r in rows if r["who"] == "League of Communists of Yugoslavia"]
    assert any("the Yugoslavs refused to sign the documents of the meeting" in r["quote"] for r in yugoslav)
    only = ask(loaded, "refused-to-sign", document="1957 declaration")
    assert {r["document"] for r in only} == {"Moscow Declaration"}
    signed = {(r["who"]) for r in rows}
    assert "Chinese Communist Party" not in signed  # it signed


@pytest.mark.neo4j
def test_conflicts_of_the_yugoslav_party(loaded):
    texts = corpus_texts()
    rows = ask(loaded, "conflicts")
    assert_quotes_are_the_texts(rows, texts)
    seen = {(r["type"], r["direction"], r["other"]) for r in rows}
    assert ("CONDEMNED", "<-", "Enver Hoxha") in seen
    assert ("REFUSED_TO_SIGN", "->", "Moscow Declaration") in seen
    hoxha = [r for r in rows if r["other"] == "Enver Hoxha" and r["type"] == "CONDEMNED"]
    assert any(r["date"] == "1957-10-26" and "condemning the Yugoslav positions" in r["quote"] for r in hoxha)
    assert all(r["type"] in {"OPPOSED", "CONDEMNED", "SPLIT_WITH", "EXPELLED", "PURGED", "INTERVENED_IN", "REFUSED_TO_SIGN"} for r in rows)
    assert not [r for r in rows if r["other"] == "Nikita Khrushchev" and r["type"] == "SUPPORTED"]
    from_hoxha = ask(loaded, "conflicts", actor="enver hoxha", related=False)
    assert ("CONDEMNED", "->", "League of Communists of Yugoslavia") in {(r["type"], r["direction"], r["other"]) for r in from_hoxha}


@pytest.mark.neo4j
def test_shortest_path_between_two_leaders(loaded):
    texts = corpus_texts()
    rows = ask(loaded, "shortest-path", **{"from": "Enver Hoxha", "to": "Władysław Gomułka"})
    assert_quotes_are_the_texts(rows, texts)
    assert rows[0]["from"] == "Enver Hoxha" and rows[-1]["to"] == "Władysław Gomułka"
    assert [r["step"] for r in rows] == list(range(1, len(rows) + 1)) and len(rows) <= 4
    for a, b in zip(rows, rows[1:]):
        assert a["to"] == b["from"]
    assert ask(loaded, "shortest-path", **{"from": "Enver Hoxha", "to": "Enver Hoxha"}) == []
    assert ask(loaded, "shortest-path", **{"from": "Enver Hoxha", "to": "Nobody At All"}) == []


@pytest.mark.neo4j
def test_the_evidence_for_one_relationship(loaded):
    texts = corpus_texts()
    rows = ask(loaded, "evidence", **{"from": "mao-zedong", "to": "Nikita Khrushchev", "type": "supported"})
    assert rows and {r["type"] for r in rows} == {"SUPPORTED"}
    for r in rows:
        assert texts[r["source"]][r["start"] : r["end"]] == r["quote"]
    assert any("publicly affirmed support for Khrushchev's leadership" in r["quote"] and r["method"] == "curated" for r in rows)
    both_ways = ask(loaded, "evidence", **{"from": "Nikita Khrushchev", "to": "mao-zedong"})
    assert {(r["type"], r["from"]) for r in both_ways} >= {("SUPPORTED", "Mao Zedong")}


@pytest.mark.neo4j
def test_neighbours_of_an_actor_in_a_year(loaded):
    texts = corpus_texts()
    rows = ask(loaded, "neighbours-in-year", actor="Mao Zedong", year=1957)
    assert_quotes_are_the_texts(rows, texts)
    seen = {(r["neighbour"], r["type"]) for r in rows}
    assert ("Nikita Khrushchev", "SUPPORTED") in seen and ("Kim Il Sung", "MET_WITH") in seen
    assert {r["type"] for r in rows if r["what"] == "Delegation"} >= {"HEADED"}
    assert all(r["date"][:4] <= "1957" for r in rows)  # dated in 1957, or a span that began earlier and covers it
    assert ask(loaded, "neighbours-in-year", actor="mao-zedong", year="1957") == rows
    earlier = ask(loaded, "neighbours-in-year", actor="mao-zedong", year=1950)
    assert ("Nikita Khrushchev", "SUPPORTED") not in {(r["neighbour"], r["type"]) for r in earlier}


@pytest.mark.neo4j
def test_a_name_is_only_ever_a_name(loaded, neo4j_settings_fx):
    from cli import cli

    before = counts(loaded)
    rows = ask(loaded, "conflicts", actor=EVIL_NAME)
    assert [(r["actor"], r["type"], r["other"]) for r in rows] == [(EVIL_NAME, "CONDEMNED", "Josip Broz Tito")]
    for name in ALL:
        lq = q.get(name)
        if lq.writes:
            continue
        q.run_query(loaded, name=name, params={p.name: EVIL_NAME for p in lq.params if p.name != "related"})
    cols, rows = q.run_query(loaded, cypher="MATCH (n {name: $name}) RETURN n.id AS id", params={"name": EVIL_NAME})
    assert rows == [["x-detach-delete-n"]]
    r = CliRunner().invoke(cli, ["--neo4j-uri", neo4j_settings_fx[0], "query", "conflicts", "--param", f"actor={EVIL_NAME}", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output)[0]["actor"] == EVIL_NAME
    assert counts(loaded) == before


@pytest.mark.neo4j
def test_cli_query_is_read_only_unless_write(loaded, neo4j_settings_fx):
    from cli import cli

    run = lambda *a: CliRunner().invoke(cli, ["--neo4j-uri", neo4j_settings_fx[0], "query", *a])  # noqa: E731
    before = counts(loaded)
    r = run("--cypher", "MATCH (n) DETACH DELETE n")
    assert r.exit_code == 1 and r.output.strip() == "Error: this query writes to the database; rerun it with --write"
    assert counts(loaded) == before
    r = run("--cypher", "CREATE (s:Scratch {id: $id}) RETURN s.id AS id", "--param", "id=s1", "--write", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output) == [{"id": "s1"}]
    r = run("--cypher", "MATCH (s:Scratch) DELETE s", "--write")
    assert r.exit_code == 0 and counts(loaded) == before
    r = run("--cypher", "MATCH (n RETURN n")
    assert r.exit_code == 1 and r.output.startswith("Error: SyntaxError") and r.output.count("\n") == 1
    r = run("--cypher", "RETURN $missing AS x")
    assert r.exit_code == 1 and r.output.startswith("Error: ")


@pytest.mark.neo4j
def test_cli_query_formats(loaded, neo4j_settings_fx):
    from cli import cli

    run = lambda *a: CliRunner().invoke(cli, ["--neo4j-uri", neo4j_settings_fx[0], "query", *a])  # noqa: E731
    as_json = json.loads(run("refused-to-sign", "--format", "json").output)
    as_csv = list(csv.DictReader(io.StringIO(run("refused-to-sign", "--format", "csv").output)))
    assert [r["quote"] for r in as_json] == [r["quote"] for r in as_csv] and as_json
    assert list(as_json[0]) == ["who", "what", "document", "date", "quote", "source"]
    table = run("refused-to-sign").output
    assert table.splitlines()[0].split() == ["who", "what", "document", "date", "quote", "source"]
    assert table.rstrip().endswith(f"({len(as_json)} rows)")
    nodes = json.loads(run("--cypher", "MATCH (n:Person {id: 'enver-hoxha'}) RETURN n", "--format", "json").output)
    assert nodes[0]["n"]["label"] == "Person" and nodes[0]["n"]["name"] == "Enver Hoxha"
    assert "Enver Hoxha (Person)" in run("--cypher", "MATCH (n:Person {id: 'enver-hoxha'}) RETURN n").output
    r = run("conflicts", "--param", "actr=x")
    assert r.exit_code == 1 and "has no parameter actr" in r.output
    r = run("conflicts", "--cypher", "RETURN 1")
    assert r.exit_code == 2


# -- the Browser style ----------------------------------------------------------------------------
def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Read GraSS the way Neo4j Browser does: selector { key: value; ... }, braces inside "..." kept."""
    rules: dict[str, dict[str, str]] = {}
    selector, body, inside, in_string = "", "", False, False
    for c in text:
        if c == '"':
            in_string = not in_string
        if not in_string and c == "{" and not inside:
            inside = True
        elif not in_string and c == "}" and inside:
            props = {}
            for part in body.split(";"):
                if part.strip():
                    k, _, v = part.partition(":")
                    props[k.strip()] = v.strip().strip('"')
            rules[selector.strip()] = props
            selector, body, inside = "", "", False
        elif inside:
            body += c
        else:
            selector += c
    return rules


def test_the_browser_style_colors_every_label_and_captions_by_name():
    from importlib import resources

    from graph.model import INTERACTION, LABELS

    rules = parse_grass(resources.files("cypher").joinpath("bloc.grass").read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"(node|relationship)(\.\w+)?", s) for s in rules), list(rules)
    colors = {rules[f"node.{label}"]["color"] for label in LABELS}
    assert len(colors) == len(LABELS)  # one color per label
    for label in LABELS:
        assert rules[f"node.{label}"]["caption"] == ("{title}" if label == "Source" else "{name}")
    assert rules["relationship"]["caption"] == "<type>"
    red, green, grey = {"#E74C3C", "#C0392B"}, {"#27AE60", "#1E8449"}, {"#95A5A6"}
    for t, polarity in INTERACTION.items():  # conflict red, cooperation green, contact grey
        assert rules[f"relationship.{t}"]["color"] in {-1: red, 1: green, 0: grey}[polarity], t
    assert rules["relationship.REFUSED_TO_SIGN"]["color"] in red and rules["relationship.SIGNED"]["color"] in green
    names = list(rules)
    assert names.index("node.CampA") > max(names.index(f"node.{label}") for label in LABELS)  # camps win


@pytest.mark.neo4j
def test_camp_labels_for_browser_styling_leave_bloc_untouched(loaded):
    loaded.write_properties({"mao-zedong": {"faction": "A"}, "enver-hoxha": {"faction": "A"}, "josip-broz-tito": {"faction": "B"}})
    before = loaded.graph()
    with pytest.raises(QueryError, match="--write"):
        q.run_query(loaded, name="camp-labels")
    cols, rows = q.run_query(loaded, name="camp-labels", write=True)
    assert rows == [["CampA", 2], ["CampB", 1]]
    _, rows = loaded.run("MATCH (n:CampA) RETURN n.id ORDER BY n.id")
    assert rows == [["enver-hoxha"], ["mao-zedong"]]
    after = loaded.graph()
    assert list(after.nodes(data=True)) == list(before.nodes(data=True))
    loaded.write_properties({"enver-hoxha": {"faction": "B"}})
    q.run_query(loaded, name="camp-labels", write=True)
    _, rows = loaded.run("MATCH (n {id: 'enver-hoxha'}) RETURN [l IN labels(n) WHERE l STARTS WITH 'Camp']")
    assert rows == [[["CampB"]]]
