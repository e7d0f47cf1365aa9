"""Shared fixtures: the sample corpus extracted once per session, fresh stores per test."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def extractor():
    from loaders.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_facts(extractor):
    return extractor.extract([CORPUS])


@pytest.fixture(scope="session")
def sample_graph(sample_facts):
    from graph.build import build_graph

    return build_graph(sample_facts)


@pytest.fixture(scope="session")
def mini_gazetteer():
    from loaders.gazetteer import parse_gazetteer

    path = DATA / "mini_gazetteer.yaml"
    return parse_gazetteer(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"
