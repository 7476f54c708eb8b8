# The two commands: `make run` and `make test`. Each works on a fresh clone with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint score bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/hadath sample -o sample.out.jsonl

test: $(STAMP)
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

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info sample.out.jsonl dev.*.jsonl seeds.*.jsonl
