"""Precision and recall of the prose relations against the hand-annotated gold set.

    .venv/bin/python bench/quality.py [--gold tests/gold/relations.yaml] [--corpus corpus] [-v]

The unit is one statement: a relation's type and ends as stated in one sentence
(one piece of evidence). A predicted statement is right when a gold item of
the same source and type has its ends (any of the listed alternatives; either
way round for symmetric types) and its quote lies inside the predicted quote.
Gold items marked `optional` count neither for recall nor against precision.
Only prose is measured: evidence in list items and headings belongs to the
delegation lists (tested in tests/test_lists.py) and is left out.

Prints a table per relationship type and overall, and writes out/quality.json
with the figures, the dates checked, and every miss and false alarm.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import REL_TYPES  # noqa: E402
from loaders.pipeline import Extractor  # noqa: E402
from loaders.reader import read_document  # noqa: E402

SYMMETRIC = {"ALLIED_WITH", "MET_WITH", "SPLIT_WITH"}


def _ids(value) -> set[str]:
    return set(value) if isinstance(value, list) else {value}


def load_gold(path: Path) -> list[dict]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    for i, it in enumerate(items):
        for key in ("source", "type", "from", "to", "quote"):
            if key not in it:
                raise SystemExit(f"{path}: item {i + 1} has no {key!r}")
        if it["type"] not in REL_TYPES:
            raise SystemExit(f"{path}: item {i + 1}: unknown type {it['type']!r}")
    return items


def predicted_statements(facts: list) -> tuple[list[dict], dict[str, str]]:
    """One record per (relation, prose evidence) of every text's facts; and the texts by file name."""
    texts: dict[str, str] = {}
    out = []
    for f in facts:
        name = Path(f.source.path).name
        doc = read_document(Path(f.source.path))
        texts[name] = doc.text
        prose = [(b.start, b.end) for b in doc.blocks if b.kind == "paragraph"]
        for r in f.relations:
            for e in r.evidence:
                if e.method == "list" or not any(a <= e.start_char and e.end_char <= b for a, b in prose):
                    continue
                out.append(
                    {
                        "source": name,
                        "type": r.type,
                        "from": r.source,
                        "to": r.target,
                        "start_char": e.start_char,
                        "end_char": e.end_char,
                        "quote": e.quote,
                        "date": r.date or r.start,
                        "role": r.role,
                        "polarity": r.polarity,
                        "method": e.method,
                    }
                )
    return out, texts


def matches(gold: dict, pred: dict, texts: dict[str, str]) -> bool:
    if gold["source"] != pred["source"] or gold["type"] != pred["type"]:
        return False
    a, b = _ids(gold["from"]), _ids(gold["to"])
    ends = pred["from"] in a and pred["to"] in b
    if not ends and gold["type"] in SYMMETRIC:
        ends = pred["from"] in b and pred["to"] in a
    if not ends:
        return False
    text = texts[pred["source"]]
    at = text.find(gold["quote"], pred["start_char"])
    return at != -1 and at + len(gold["quote"]) <= pred["end_char"]


def evaluate(gold: list[dict], preds: list[dict], texts: dict[str, str]) -> dict:
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "gold": 0, "found": 0})
    false_alarms, misses, dates, signs = [], [], [], []
    for g in gold:
        if g["source"] not in texts:
            raise SystemExit(f"gold item for {g['source']}, which is not in the corpus")
        if g["quote"] not in texts[g["source"]]:
            raise SystemExit(f"gold quote not in {g['source']}: {g['quote']!r}")
    optional_only = []
    for p in preds:
        hits = [g for g in gold if matches(g, p, texts)]
        if any(not g.get("optional") for g in hits):
            per_type[p["type"]]["tp"] += 1
        elif not hits:
            per_type[p["type"]]["fp"] += 1
            false_alarms.append(p)
        else:
            optional_only.append(p)
    for g in gold:
        if g.get("optional"):
            continue
        per_type[g["type"]]["gold"] += 1
        found = [p for p in preds if matches(g, p, texts)]
        if found:
            per_type[g["type"]]["found"] += 1
            want = g.get("date") or g.get("start")
            if want:
                got = sorted({p["date"] for p in found if p["date"]} or {None}, key=str)
                dates.append({"gold": g, "got": got, "ok": want in got})
            if "polarity" in g:
                got = sorted({p["polarity"] for p in found}, key=str)
                signs.append({"gold": g, "got": got, "ok": g["polarity"] in got})
        else:
            misses.append(g)

    def figures(c: dict[str, int]) -> dict:
        pred = c["tp"] + c["fp"]
        return {
            "precision": round(c["tp"] / pred, 3) if pred else None,
            "recall": round(c["found"] / c["gold"], 3) if c["gold"] else None,
            "predicted": pred,
            "correct": c["tp"],
            "gold": c["gold"],
            "found": c["found"],
        }

    total = {k: sum(c[k] for c in per_type.values()) for k in ("tp", "fp", "gold", "found")}
    return {
        "per_type": {t: figures(per_type[t]) for t in sorted(per_type)},
        "overall": figures(total),
        "dates": {"checked": len(dates), "correct": sum(d["ok"] for d in dates), "items": dates},
        "polarities": {"checked": len(signs), "correct": sum(d["ok"] for d in signs), "items": signs},
        "optional_only": optional_only,
        "false_alarms": false_alarms,
        "misses": misses,
    }


def table(result: dict) -> str:
    def fmt(x):
        return "  -  " if x is None else f"{x:.3f}"

    lines = [f"{'type':16} {'precision':>9} {'recall':>7} {'predicted':>9} {'correct':>7} {'gold':>5} {'found':>5}"]
    for t, f in result["per_type"].items():
        lines.append(f"{t:16} {fmt(f['precision']):>9} {fmt(f['recall']):>7} {f['predicted']:>9} {f['correct']:>7} {f['gold']:>5} {f['found']:>5}")
    o = result["overall"]
    lines.append(f"{'OVERALL':16} {fmt(o['precision']):>9} {fmt(o['recall']):>7} {o['predicted']:>9} {o['correct']:>7} {o['gold']:>5} {o['found']:>5}")
    d = result["dates"]
    lines.append(f"dates: {d['correct']}/{d['checked']} of the gold dates found on the matched relations")
    p = result["polarities"]
    lines.append(f"polarities: {p['correct']}/{p['checked']} of the gold polarities found on the matched relations")
    lines.append(f"not counted: {len(result['optional_only'])} statements found that match only optional gold items")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "relations.yaml"))
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--out", default=str(ROOT / "out" / "quality.json"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args(argv)
    gold = load_gold(Path(args.gold))
    t0 = time.perf_counter()
    preds, texts = predicted_statements(Extractor().extract([Path(args.corpus)]))
    seconds = time.perf_counter() - t0
    result = evaluate(gold, preds, texts)
    result["seconds"] = round(seconds, 2)
    print(table(result))
    if args.verbose:
        print("\nmisses (gold not found):")
        for g in result["misses"]:
            print(f"  {g['type']:15} {g['from']} -> {g['to']}  | {g['quote']}")
        print("\nfalse alarms (found, not in gold):")
        for p in result["false_alarms"]:
            print(f"  {p['type']:15} {p['from']} -> {p['to']}  | {p['quote'][:120]}")
        print("\nwrong polarities:")
        for d in result["polarities"]["items"]:
            if not d["ok"]:
                print(f"  {d['gold']['type']} {d['gold']['from']} -> {d['gold']['to']}: want {d['gold']['polarity']}, got {d['got']}")
        print("\nwrong dates:")
        for d in result["dates"]["items"]:
            if not d["ok"]:
                print(f"  {d['gold']['type']} {d['gold']['from']} -> {d['gold']['to']}: want {d['gold'].get('date') or d['gold'].get('start')}, got {d['got']}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
