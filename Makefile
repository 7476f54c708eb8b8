# The two commands: `make run` and `make test`. Each works on a fresh clone with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint score bench fuzz load clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

DB   ?= hadath.db
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The sample summary, the bundled sample stored in $(DB) (idempotent), then the dashboard and API over it.
run: $(STAMP)
	$(BIN)/hadath sample -o sample.out.jsonl
	$(BIN)/hadath ingest src/hadath/examples --db $(DB)
	$(BIN)/hadath serve --db $(DB) --host $(HOST) --port $(PORT)

# The browser tests drive Debian's chromium; it is installed through apt where missing.
test: $(STAMP)
	command -v chromium >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# Scores on the shared gold (needs ../shared beside the checkout).
score: $(STAMP)
	$(PYTHON) ../shared/eval/score.py make-input --gold ../shared/gold/dev --docs ../shared/dev > dev.in.jsonl
	$(BIN)/hadath extract -q dev.in.jsonl -o dev.out.jsonl
	$(PYTHON) ../shared/eval/score.py --gold ../shared/gold/dev --docs ../shared/dev --pred dev.out.jsonl
	$(PYTHON) ../shared/eval/score.py make-input --gold ../shared/gold/seeds --docs ../shared/seeds > seeds.in.jsonl
	$(BIN)/hadath extract -q seeds.in.jsonl -o seeds.out.jsonl
	$(PYTHON) ../shared/eval/score.py --gold ../shared/gold/seeds --docs ../shared/seeds --pred seeds.out.jsonl

# Issue 8's figures: the default extraction over the 10,000-article corpus in one process
# (articles/s, MB/s, peak RSS, per stage, the regex floor, start-up). LIMIT=N for a shorter run.
bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline_bench.py $(if $(LIMIT),--limit $(LIMIT),)

# Issue 9's fuzzing: the extractor's property tests at 10,000 cases each (make test runs 300 each).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py --hypothesis-show-statistics

# Issue 9's load test: 3,000 requests from 8 clients against `hadath serve` on loopback (requests/s, p50, p99, errors).
load: $(STAMP)
	$(BIN)/python benchmarks/load_bench.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info sample.out.jsonl dev.*.jsonl seeds.*.jsonl
