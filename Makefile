# Board of Peace — two commands on a fresh machine: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.stamp-run
STAMP_DEV := $(VENV)/.stamp-dev

.PHONY: play test lint typecheck dist clean bench

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $(STAMP_RUN)

$(STAMP_DEV): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP_RUN) $(STAMP_DEV)

play: $(STAMP_RUN)
	$(PY) main.py

test: $(STAMP_DEV)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP_DEV)
	$(PY) -m ruff check game tests main.py
	$(PY) -m mypy game/core

bench: $(STAMP_RUN)
	$(PY) main.py bench core --json

dist: $(STAMP_DEV)
	$(PY) -m PyInstaller --noconfirm --clean build.spec

clean:
	rm -rf build dist .pytest_cache
