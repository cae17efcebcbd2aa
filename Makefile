# Every target installs what it needs into .venv on first use (a fresh clone needs no other step).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
BENCH_N ?= 10000
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help install extract test eval bench models report clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,dask]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the package with its dev extras

extract: $(STAMP) ## extract the example articles of data/raw into data/processed
	$(PY) -m pipeline extract data/raw --out data/processed --workers $(WORKERS)
	$(PY) -m pipeline validate data/processed

test: $(STAMP) ## run the test suite
	$(PY) -m pytest

eval: $(STAMP) ## precision/recall/F1 per component on the dev gold (needs ../shared)
	$(PY) -m pipeline.evaluate

bench: $(STAMP) ## speed and memory on BENCH_N generated articles (default 10000)
	$(PY) -m pipeline.bench --n $(BENCH_N) --workers $(WORKERS)

models: $(STAMP) ## retrain the NER model in models/ner from ../shared/data (about 25 min on 2 cores)
	$(PY) -m pip install -q -e '.[train]'
	$(PY) training/train_ner.py all

report: extract ## HTML report of actors and quotes of data/processed
	$(PY) -m pipeline report data/processed --out data/processed/report.html

clean: ## remove outputs (keeps .venv)
	rm -rf data/processed .eval data/bench
