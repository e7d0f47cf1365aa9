import pytest

from graph.errors import InputError
from loaders.gazetteer import check_references, default_gazetteer, load_gazetteer, parse_gazetteer
from loaders.mentions import MentionFinder, make_nlp


def test_default_gazetteer_is_valid_and_unambiguous():
    gaz = default_gazetteer()
    check_references(gaz)
    finder = MentionFinder(make_nlp(), gaz)
    assert finder.ambiguous == set()
    parties = gaz.by_label("Party")
    assert sum(1 for e in parties if e.node.ruling) >= 13
    assert gaz["party-of-labour-of-albania"].node.country == "albania"
    assert "Yugoslavs" in gaz["yugoslavia"].demonyms and "Belgrade" in gaz["yugoslavia"].metonyms


def test_spelling_variants_of_gomulka_are_aliases():
    node = default_gazetteer()["wladyslaw-gomulka"].node
    forms = {node.name, *node.aliases}
    assert {"Władysław Gomułka", "Władisław Gomułka", "Gomułka"} <= forms


@pytest.mark.parametrize(
    "text, message",
    [
        ("- id: a\n  label: Person\n  name: A\n- id: a\n  label: Person\n  name: B\n", r"g.yaml:4: duplicate id 'a' \(first at line 1\)"),
        ("- id: a\n  label: Persn\n  name: A\n", r"g.yaml:1: unknown label 'Persn'"),
        ("- id: a\n  label: Person\n", r"g.yaml:1: entry has no 'name'"),
        ("- id: a\n  label: Person\n  name: A\n  colour: red\n", r"g.yaml:1: unknown field\(s\) colour"),
        ("- id: a\n  label: Event\n  name: A\n  start: 16 November 1957\n", r"g.yaml:1: node a start: '16 November 1957' is not an ISO date prefix"),
        ("- id: a\n  label: Person\n  name: [unclosed\n", r"g.yaml:\d+: not valid YAML"),
        ("a: mapping\n", r"g.yaml: a gazetteer is a YAML list"),
    ],
)
def test_bad_gazetteer_names_file_and_line(text, message):
    with pytest.raises(InputError, match=message):
        parse_gazetteer(text, "g.yaml")


def test_user_gazetteer_extends_the_default(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("- id: ruritania\n  label: State\n  name: Ruritania\n- label: Party\n  name: Ruritanian Workers' Party\n  country: ruritania\n", encoding="utf-8")
    gaz = load_gazetteer([p])
    assert gaz["ruritanian-workers-party"].node.country == "ruritania"
    assert "mao-zedong" in gaz
    bad = tmp_path / "bad.yaml"
    bad.write_text("- label: Party\n  name: X Party\n  country: atlantis\n", encoding="utf-8")
    with pytest.raises(InputError, match="country 'atlantis' is not a State"):
        load_gazetteer([bad])
    with pytest.raises(InputError, match="no such gazetteer file"):
        load_gazetteer([tmp_path / "none.yaml"])
