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

# the suite runs on every core (pytest-xdist): about 2m45 on two cores against 4m50 on one
test: $(STAMP_DEV)
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP_DEV)
	$(PY) -m ruff check game tests main.py
	$(PY) -m mypy game/core game/ai game/ui

bench: $(STAMP_RUN)
	$(PY) main.py bench core --json

# onedir by default (dist/board-of-peace/board-of-peace); ONEFILE=1 make dist -> dist/board-of-peace.
# The old output goes first: the onedir folder and the onefile binary share one name.
dist: $(STAMP_DEV)
	rm -rf dist/board-of-peace
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN build.spec
	@if [ -d dist/board-of-peace ]; then echo "Built dist/board-of-peace/board-of-peace (onedir)"; \
	else echo "Built dist/board-of-peace (onefile)"; fi

clean:
	rm -rf build dist .pytest_cache
