"""Benchmark `bloc load`: the sample corpus and a synthetic corpus N times its size.

The synthetic corpus is the sample texts copied N/2 times each under new file
names, so each copy is a new source with the full cost of extraction. Figures go
to stdout and into out/bench.json (merged with what other benchmarks wrote).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from figures import record  # noqa: E402

from graph.stores.file import FileStore  # noqa: E402
from loaders.pipeline import Extractor  # noqa: E402


def synthetic_corpus(target: Path, copies: int) -> int:
    """Write `copies` copies of every sample text into `target`; returns bytes written."""
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    for src in sorted((ROOT / "corpus").glob("*.txt")):
        data = src.read_bytes()
        for i in range(copies):
            (target / f"{src.stem}_{i:04d}.txt").write_bytes(data)
            total += len(data)
    return total


def timed_load(paths: list[Path], store_dir: Path) -> dict:
    t0 = time.perf_counter()
    extractor = Extractor()
    t1 = time.perf_counter()
    facts = extractor.extract(paths)
    t2 = time.perf_counter()
    result = FileStore(store_dir).load(facts)
    t3 = time.perf_counter()
    again = FileStore(store_dir).load(facts)
    t4 = time.perf_counter()
    return {
        "texts": len(facts),
        "setup_s": round(t1 - t0, 3),
        "extract_s": round(t2 - t1, 3),
        "store_write_s": round(t3 - t2, 3),
        "reload_unchanged_s": round(t4 - t3, 3),
        "total_s": round(t3 - t0, 3),
        "nodes": result.nodes,
        "relationships": result.relationships,
        "unchanged_on_reload": len(again.unchanged),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--factor", type=int, default=100, help="size of the synthetic corpus, in sample corpora")
    ap.add_argument("--out", default=str(ROOT / "out" / "bench.json"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bloc-bench-"))
    try:
        sample_bytes = sum(p.stat().st_size for p in (ROOT / "corpus").glob("*.txt"))
        sample = timed_load([ROOT / "corpus"], work / "store-sample")
        big_bytes = synthetic_corpus(work / "big", args.factor)
        big = timed_load([work / "big"], work / "store-big")
        big["store_bytes"] = (work / "store-big" / "store.json").stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "load_sample": {**sample, "input_bytes": sample_bytes},
        f"load_{args.factor}x": {**big, "input_bytes": big_bytes},
        "load_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    for name in ("load_sample", f"load_{args.factor}x"):
        f = figures[name]
        rate = f["input_bytes"] / 1024 / max(f["extract_s"], 1e-9)
        print(f"{name:>12}: {f['texts']:5d} texts, {f['input_bytes'] / 1e6:7.2f} MB, extract {f['extract_s']:7.2f} s ({rate:6.0f} KB/s), store {f['store_write_s']:.2f} s, total {f['total_s']:.2f} s")
    print(f"peak RSS {figures['load_peak_rss_mb']} MB")
    record(args.out, figures)


if __name__ == "__main__":
    main()
