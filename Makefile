# bloc: the two commands of the quick start are `make report` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= out/store
export BLOC_STORE := $(STORE)

.PHONY: setup report load test test-fast quality bench neo4j-up neo4j-down clean

$(BIN)/bloc: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/bloc

setup: $(BIN)/bloc  ## a venv with bloc and its test tools

report: setup  ## load the sample corpus, print the faction report, write out/bloc.graphml, out/report.html and the pictures
	@mkdir -p out
	$(BIN)/bloc load
	$(BIN)/bloc report
	$(BIN)/bloc report --format html -o out/report.html
	$(BIN)/bloc draw -o out/bloc.png
	$(BIN)/bloc draw -o out/bloc.html
	$(BIN)/bloc export --format graphml -o out/bloc.graphml

test: setup  ## start Neo4j, run every test, stop Neo4j
	@mkdir -p out
	bash scripts/neo4j-up.sh
	. out/neo4j.env && BLOC_REQUIRE_NEO4J=1 $(BIN)/pytest -q; status=$$?; bash scripts/neo4j-down.sh; exit $$status

test-fast: setup  ## the tests that need no Neo4j server
	$(BIN)/pytest -q -m "not neo4j"

quality: setup  ## precision and recall of the relation extractor against the hand-made gold set
	@mkdir -p out
	$(BIN)/python bench/quality.py

bench: setup  ## load, extraction quality, analyses and Neo4j benchmarks; figures in out/bench.json
	@mkdir -p out
	$(BIN)/python bench/load.py
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/analyses.py
	bash scripts/neo4j-up.sh
	. out/neo4j.env && $(BIN)/python bench/store_neo4j.py --wipe; status=$$?; bash scripts/neo4j-down.sh; exit $$status

neo4j-up:  ## start a local Neo4j 5.26 from its Maven jars; writes out/neo4j.env
	bash scripts/neo4j-up.sh

neo4j-down:
	bash scripts/neo4j-down.sh

clean:
	rm -rf out .bloc
