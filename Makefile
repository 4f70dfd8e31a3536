# Two commands: `make demo` and `make test`. See README.md.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
# Two installs, each with its stamp: what the site needs (demo, classroom, cluster, serve),
# and that plus the test, lint and benchmark tools (test, lint, format, bench, fuzz).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
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

# `make classroom`: the site for a class on a LAN, under gunicorn (threads: sync workers
# stall under the pages' polling; keep-alive longer than the 2 s polls, or a poll meets a
# connection the server is just closing). One worker on SQLite + local-memory cache (a cache
# per process must not disagree about a revoked certificate); more with Redis.
LAN_IP ?= $(shell $(PY) -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.connect(("10.255.255.255", 1)); print(s.getsockname()[0])' 2>/dev/null || echo 127.0.0.1)
WORKERS ?= $(if $(REDIS_URL),2,1)
# The interface gunicorn listens on (BIND=192.168.0.10 serves one network only; the load
# test binds 127.0.0.1). An address with its port (BIND=127.0.0.1:8800) is taken as it is.
BIND ?= 0.0.0.0
CLASSROOM_BIND = $(if $(findstring :,$(BIND)),$(BIND),$(BIND):$(PORT))
THREADS ?= 16

.PHONY: help demo classroom cluster serve test lint format bench load fuzz clean venv messages messages-extract

help:
	@echo "make demo   - install what the site needs, migrate, load personas, run http://$(HOST):$(PORT)/ (PORT=8080: another port)"
	@echo "make classroom - the same for a class on the LAN (gunicorn on $(CLASSROOM_BIND); BIND=…)"
	@echo "make cluster - two app servers behind HAProxy on :$(PORT), shared PostgreSQL + Redis (docs/DEPLOY.md)"
	@echo "make serve  - production (DJANGO_ENV=production): collectstatic, migrate, check, gunicorn"
	@echo "make test   - install the dev dependencies too and run the whole test suite"
	@echo "make lint   - ruff check + ruff format --check + the import contracts (lint-imports)"
	@echo "make bench  - benchmarks in tests/bench (on demand)"
	@echo "make load   - a class of LEARNERS (30) under load, against make classroom (on demand)"
	@echo "make fuzz   - every form and machine endpoint, over 10,000 generated inputs (on demand)"

$(PY):
	@base=$$($(find_python)) || { \
	  echo "error: Python 3.12 or newer is needed (tried python3.13, python3.12, python3, pyenv)." >&2; \
	  echo "       Install one, or run: make PYTHON=/path/to/python3.12 ..." >&2; exit 1; }; \
	echo "Using $$base ($$("$$base" --version))"; \
	"$$base" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

# '.[dev]' is the site's dependencies and more: it stands for both stamps.
$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP) $@

venv: $(STAMP)

# The English catalogue, compiled with Babel (no GNU gettext needed; docs/I18N.md). Every
# target that serves pages or runs the tests depends on it, so a fresh clone has its .mo.
MO := locale/en/LC_MESSAGES/django.mo
$(MO): locale/en/LC_MESSAGES/django.po | $(STAMP)
	$(PY) manage.py messages_compile

messages: $(MO)

# New or changed text: extract it into the catalogue (needs GNU gettext's xgettext).
messages-extract: $(STAMP)
	$(PY) manage.py makemessages -l en -l vi -l zh_Hans --no-obsolete --no-location --ignore=.venv --ignore=tests --ignore=var --ignore=staticfiles

# The address written into every certificate (CRL, OCSP) is the one the demo serves at.
DEMO_PKI = PKI_BASE_URL="$${PKI_BASE_URL:-http://$(HOST):$(PORT)}"

demo: $(STAMP) $(MO)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py init_ca
	$(DEMO_PKI) $(PY) manage.py seed_personas
	$(PY) manage.py demo_admin
	$(PY) manage.py demo_trainer
	@echo ""
	@echo "  사이트 (site):   http://$(HOST):$(PORT)/"
	@echo "  강사 (trainer):  http://$(HOST):$(PORT)/trainer/"
	@echo "  관리자 (admin):  http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(DEMO_PKI) $(PY) manage.py runserver $(HOST):$(PORT)

classroom: $(STAMP) $(MO)
	@export SITE_URL="$${SITE_URL:-http://$(LAN_IP):$(PORT)}"; \
	export PKI_BASE_URL="$${PKI_BASE_URL:-$$SITE_URL}"; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(LAN_IP),127.0.0.1,localhost}"; \
	export CSRF_TRUSTED_ORIGINS="$${CSRF_TRUSTED_ORIGINS:-$$SITE_URL}"; \
	export DJANGO_DEBUG="$${DJANGO_DEBUG:-0}"; \
	set -e; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py init_ca; \
	$(PY) manage.py seed_personas; \
	$(PY) manage.py demo_admin; \
	$(PY) manage.py demo_trainer; \
	echo ""; \
	echo "  학습자 참여 (learners join): $$SITE_URL/join/"; \
	echo "  강사 (trainer):              $$SITE_URL/trainer/"; \
	echo "  ($(WORKERS) worker(s) x $(THREADS) threads; database: $${DATABASE_URL:-SQLite under var/})"; \
	echo ""; \
	exec $(VENV)/bin/gunicorn portal.wsgi --bind "$(CLASSROOM_BIND)" --worker-class gthread \
	  --workers $(WORKERS) --threads $(THREADS) --timeout 60 --keep-alive 20

cluster: $(STAMP) $(MO)
	exec scripts/cluster $(PORT)

# The suite over TEST_WORKERS processes (pytest-xdist; 0: one process, as `pytest` alone).
# Each has its own test database, Redis database (portal/settings.py) and browser; an
# idle worker takes tests queued for the other (worksteal): no long tail of browser tests.
TEST_WORKERS ?= 2

test: $(DEV_STAMP) $(MO)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(DEV_STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Production on one machine: DJANGO_ENV=production and every secret from the environment
# (README: "Production"); collects the static files, migrates, checks, serves.
serve: $(STAMP) $(MO)
	@export DJANGO_ENV=production; set -e; \
	$(PY) manage.py collectstatic --noinput -v0; \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py init_ca; \
	$(PY) manage.py check --deploy --fail-level WARNING; \
	exec $(VENV)/bin/gunicorn portal.wsgi --bind $${BIND:-0.0.0.0:8000} --worker-class gthread \
	  --workers $(WORKERS) --threads $(THREADS) --timeout 60 --keep-alive 20

fuzz: $(DEV_STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/fuzz -q -p no:randomly $(PYTEST_ARGS)

LEARNERS ?= 30
load: $(DEV_STAMP)
	$(PY) -m pip install --quiet -e '.[dev,load]'
	$(PY) tests/load/run.py --learners $(LEARNERS) --database "$${DATABASE_URL:-}" --redis "$${REDIS_URL:-}" $(LOAD_ARGS)

bench: $(DEV_STAMP)
	$(PY) -m pytest tests/bench -p no:randomly --override-ini="addopts=-ra" -s $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var
