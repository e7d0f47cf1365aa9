"""Quality is measured: the gold sets are sound, the extractor meets its targets on them, the bench runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from graph.model import REL_TYPES
from loaders.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import quality  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "relations.yaml"
UNSEEN = ROOT / "tests" / "gold" / "unseen.yaml"
TEXTS = ROOT / "tests" / "texts"


def ids(value):
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("gold, corpus", [(GOLD, ROOT / "corpus"), (UNSEEN, TEXTS)])
def test_gold_items_are_sound(gold, corpus):
    items = yaml.safe_load(gold.read_text(encoding="utf-8"))
    assert len(items) >= 40
    gaz = default_gazetteer()
    for it in items:
        text = (corpus / it["source"]).read_text(encoding="utf-8")
        assert text.count(it["quote"]) == 1, it["quote"]
        assert it["type"] in REL_TYPES
        for node_id in ids(it["from"]) + ids(it["to"]):
            assert node_id == node_id.lower() and " " not in node_id
            if gold == GOLD:
                assert node_id in gaz, node_id  # the sample corpus's actors are all curated


def test_the_extractor_never_reads_the_gold():
    for py in (ROOT / "loaders").glob("*.py"):
        src = py.read_text(encoding="utf-8")
        assert "gold" not in src.lower(), py
    assert "gold" not in (ROOT / "loaders" / "lexicon.yaml").read_text(encoding="utf-8").lower()


def test_sample_corpus_meets_the_targets(sample_facts):
    preds, texts = quality.predicted_statements(sample_facts)
    result = quality.evaluate(quality.load_gold(GOLD), preds, texts)
    assert result["overall"]["precision"] >= 0.9
    assert result["overall"]["recall"] >= 0.8
    assert result["dates"]["correct"] >= 0.8 * result["dates"]["checked"]


def test_unseen_texts_meet_the_targets(extractor):
    preds, texts = quality.predicted_statements(extractor.extract(sorted(TEXTS.glob("*.txt"))))  # the gold covers these; subfolders (acceptance/) have none
    result = quality.evaluate(quality.load_gold(UNSEEN), preds, texts)
    assert result["overall"]["precision"] >= 0.9
    assert result["overall"]["recall"] >= 0.8


def test_matching_rules():
    texts = {"a.txt": "Mao met Kim. Tito met Stalin."}
    gold = {"source": "a.txt", "type": "MET_WITH", "from": "mao-zedong", "to": ["kim-il-sung", "north-korea"], "quote": "Mao met"}
    pred = {"source": "a.txt", "type": "MET_WITH", "from": "kim-il-sung", "to": "mao-zedong", "start_char": 0, "end_char": 12}
    assert quality.matches(gold, pred, texts)  # symmetric, an alternative id
    assert not quality.matches(gold, {**pred, "start_char": 13, "end_char": 29}, texts)  # another sentence
    assert not quality.matches({**gold, "type": "SUPPORTED"}, {**pred, "type": "SUPPORTED"}, texts)  # directed


def test_optional_items_count_neither_way():
    texts = {"a.txt": "X backed Y."}
    gold = [{"source": "a.txt", "type": "SUPPORTED", "from": "x", "to": "y", "quote": "X backed", "optional": True}]
    preds = [{"source": "a.txt", "type": "SUPPORTED", "from": "x", "to": "y", "start_char": 0, "end_char": 11, "date": None, "polarity": 1}]
    r = quality.evaluate(gold, preds, texts)
    assert r["overall"]["predicted"] == 0 and r["overall"]["gold"] == 0


def test_bench_writes_its_report(tmp_path, capsys):
    out = tmp_path / "quality.json"
    assert quality.main(["--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "OVERALL" in printed and "precision" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["per_type"]) >= {"SUPPORTED", "OPPOSED", "LEADER_OF", "INTERVENED_IN"}
    assert data["overall"]["precision"] >= 0.9 and data["overall"]["recall"] >= 0.8
