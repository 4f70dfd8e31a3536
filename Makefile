# Two commands: `make demo` and `make test`. See README.md.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

# A Python >= 3.12: $(PYTHON) if given, python3.13 / python3.12 / python3 on PATH,
# then pyenv's installed versions. A pyenv shim that cannot run is skipped.
define find_python
for c in $${PYTHON:-} python3.13 python3.12 python3 \
         $$(ls -d "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
  if "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$c"; exit 0; fi; \
done; exit 1
endef

.PHONY: help demo test lint format bench clean venv

help:
	@echo "make demo   - install, migrate, load personas, run http://$(HOST):$(PORT)/"
	@echo "make test   - install dev dependencies and run the whole test suite"
	@echo "make lint   - ruff check + ruff format --check + the import contracts (lint-imports)"
	@echo "make bench  - benchmarks in tests/bench (on demand)"

$(PY):
	@base=$$($(find_python)) || { \
	  echo "error: Python 3.12 or newer is needed (tried python3.13, python3.12, python3, pyenv)." >&2; \
	  echo "       Install one, or run: make PYTHON=/path/to/python3.12 ..." >&2; exit 1; }; \
	echo "Using $$base ($$("$$base" --version))"; \
	"$$base" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(STAMP)

demo: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py init_ca
	$(PY) manage.py seed_personas
	$(PY) manage.py demo_admin
	@echo ""
	@echo "  사이트 (site):   http://$(HOST):$(PORT)/"
	@echo "  관리자 (admin):  http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(STAMP)
	$(PY) -m pytest tests/bench -p no:randomly --override-ini="addopts=-ra" -s $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var
