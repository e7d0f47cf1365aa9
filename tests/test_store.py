import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import StoreError
from graph.stores.file import FileStore


def test_empty_store_has_empty_graph(store_dir):
    assert FileStore(store_dir).graph().number_of_nodes() == 0


def test_load_then_reload_changes_nothing(store_dir, sample_facts, sample_graph):
    store = FileStore(store_dir)
    first = store.load(sample_facts)
    assert len(first.added) == 2 and not first.replaced and not first.unchanged
    before = (store_dir / "store.json").read_bytes()
    mtime = (store_dir / "store.json").stat().st_mtime_ns
    second = store.load(sample_facts)
    assert second.added == () and len(second.unchanged) == 2
    assert (store_dir / "store.json").read_bytes() == before
    assert (store_dir / "store.json").stat().st_mtime_ns == mtime
    g = store.graph()
    assert (first.nodes, first.relationships) == (g.number_of_nodes(), g.number_of_edges())
    assert list(g.nodes(data=True)) == list(sample_graph.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(sample_graph.edges(keys=True, data=True))


def test_changed_text_replaces_its_own_evidence(tmp_path, store_dir, extractor):
    text = tmp_path / "t.txt"
    text.write_text("= Helsinki Congress of 1960 =\n\n==Delegations==\n- Communist Party of Finland, delegation headed by Ville Pessi.\n", encoding="utf-8")
    store = FileStore(store_dir)
    store.load(extractor.extract([text]))
    assert "ville-pessi" in store.graph()
    text.write_text("= Helsinki Congress of 1960 =\n\n==Delegations==\n- Communist Party of Finland, delegation headed by Aimo Aaltonen.\n", encoding="utf-8")
    result = store.load(extractor.extract([text]))
    assert result.replaced == ("source-t",)
    g = store.graph()
    assert "ville-pessi" not in g and "aimo-aaltonen" in g


def test_corrupt_or_foreign_store_is_a_clear_error(store_dir):
    store_dir.mkdir()
    (store_dir / "store.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot read the store"):
        FileStore(store_dir).graph()
    (store_dir / "store.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    with pytest.raises(StoreError, match="not a bloc store"):
        FileStore(store_dir).graph()


def test_write_properties_survive_in_the_graph(store_dir, sample_facts):
    store = FileStore(store_dir)
    store.load(sample_facts)
    store.write_properties({"mao-zedong": {"faction": 1, "pagerank": 0.5}})
    assert store.graph().nodes["mao-zedong"]["faction"] == 1


KILLER = r"""
import os, sys
from graph.stores import file as f
from graph.stores.file import FileStore
from loaders.pipeline import Extractor
facts = Extractor().extract([sys.argv[2]])
real_replace = os.replace
def dying_replace(a, b):
    os.kill(os.getpid(), 9)   # killed after the temp file is written, before the rename
f.os.replace = dying_replace
FileStore(sys.argv[1]).load(facts)
"""


def test_a_writer_killed_mid_write_leaves_the_old_store(tmp_path, store_dir, sample_facts, corpus_dir):
    store = FileStore(store_dir)
    store.load(sample_facts[:1])
    before = (store_dir / "store.json").read_bytes()
    proc = subprocess.run([sys.executable, "-c", KILLER, str(store_dir), str(corpus_dir)], cwd=Path(__file__).parent.parent)
    assert proc.returncode == -signal.SIGKILL
    assert (store_dir / "store.json").read_bytes() == before
    assert list(store_dir.glob(".store-*.tmp"))  # the dead writer's temp file
    assert FileStore(store_dir).load(sample_facts).added == (sample_facts[1].source.id,)
    assert not list(store_dir.glob(".store-*.tmp"))
