# planwatch — the chain: `make seeds` (step 0: the plan document → seeds/) → `make demo` (build, ingest the
# built-in sample data, build, render, verify) → `make test` (the whole suite; `make test-fast`: no dbt
# build, no PDF). Each sets everything up first. Only Python 3.11 is needed. Layers: docs/architecture.md.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Nothing may phone home: these machines (and many government networks) are offline.
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false

.PHONY: setup seeds demo test test-fast lint build docs clean

setup: $(STAMP)

# Last line: the reports' font, TeX Gyre Termes (GUST Font License), as OTF files from PyPI; --no-deps:
# the package declares rinohtype, a typesetter planwatch does not use (planwatch/report/fonts.py).
$(STAMP): requirements.lock pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "planwatch needs Python 3.11 (set PYTHON=/path/to/python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip install --quiet --no-deps rinoh-typeface-texgyretermes==0.1.1
	touch $(STAMP)

# Step 0: regenerate the seeds the plan parsers write (PHỤ LỤC 2 tasks and milestones, PHỤ LỤC 3 projects);
# the other seeds are kept by hand beside the document and checked against it by the tests.
seeds: setup
	$(BIN)/python -m planwatch.plan.tasks
	$(BIN)/python -m planwatch.plan.projects

demo: seeds
	$(BIN)/planwatch demo

test: setup lint
	$(BIN)/pytest

# The inner loop: every test that needs no dbt build, PDF or LibreOffice (marker `slow`, tests/conftest.py).
test-fast: setup
	$(BIN)/pytest -q -m "not slow"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint models macros tests/dbt

build: setup
	$(BIN)/planwatch build

docs: setup
	$(BIN)/dbt docs generate

clean:
	rm -rf $(VENV) target logs
