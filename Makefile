# planwatch — `make demo` sets everything up and runs the main job on built-in sample data;
# `make test` sets everything up and runs the whole test suite. Only Python 3.11 is needed.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Nothing may phone home: these machines (and many government networks) are offline.
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false

.PHONY: setup demo test lint build docs clean

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

demo: setup
	$(BIN)/planwatch demo

test: setup lint
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint models macros tests/dbt

build: setup
	$(BIN)/planwatch build

docs: setup
	$(BIN)/dbt docs generate

clean:
	rm -rf $(VENV) target logs
