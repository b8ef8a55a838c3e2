# OneStop developer commands. `make run` and `make test` are the two set-up commands.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
# The compiled .mo files are committed (a test proves they match the .po files), so GNU gettext
# is only needed by translators; recompile when it is there.
COMPILE_MESSAGES := if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore '.venv' -v 0; fi


.PHONY: audit bench-cards bench-cases bench-dashboard bench-dsar bench-eligibility bench-intake bench-persons run setup serve worker test test-fast check lint format typecheck messages serve-prod browser-deps clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "OneStop needs Python 3.11 or newer"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	# setuptools too: the one a new venv gets from Python 3.11's ensurepip (65.5) carries
	# known advisories (make audit).
	$(PY) -m pip install --quiet --upgrade pip setuptools
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## setup: install, migrate, compile translations and load the demo center if the database is empty
setup: $(STAMP)
	$(COMPILE_MESSAGES)
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) createcachetable
	$(MANAGE) seed_demo

## run: everything setup does, then serve on 127.0.0.1:$(PORT) with a task worker beside it
run: setup
	@echo ""
	@echo "OneStop is at http://127.0.0.1:$(PORT)/  (staff sign-in: http://127.0.0.1:$(PORT)/accounts/login/)"
	@export SITE_URL=http://127.0.0.1:$(PORT); \
	$(MANAGE) worker & worker=$$!; \
	(n=0; while sleep 60; do $(MANAGE) escalate_overdue --enqueue; \
	  n=$$((n+1)); [ $$((n % 60)) -eq 1 ] && $(MANAGE) event_reminders && $(MANAGE) dsar_reminders; \
	  if [ $$((n % 1440)) -eq 1 ]; then $(MANAGE) refresh_reports; $(MANAGE) apply_retention; \
	  elif [ $$((n % 10)) -eq 0 ]; then $(MANAGE) refresh_reports --days 2; fi; done) & sweeper=$$!; \
	trap 'kill $$worker $$sweeper 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## browser-deps: Debian's chromium for the browser tests (playwright cannot download browsers here)
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

## test: lint, types, then the whole suite including browser tests
test: $(STAMP) browser-deps check
	$(COMPILE_MESSAGES)
	ONESTOP_TESTING=1 $(PY) -m pytest -q

## test-fast: the suite without browser tests (CI runs it on SQLite too)
test-fast: $(STAMP)
	$(COMPILE_MESSAGES)
	ONESTOP_TESTING=1 $(PY) -m pytest -q -m "not browser"

check: lint typecheck
	ONESTOP_TESTING=1 $(MANAGE) makemigrations --check --dry-run -v 0

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: $(STAMP)
	$(VENV)/bin/mypy onestop

## messages: refresh the .po catalogues after changing strings (needs GNU gettext)
messages: $(STAMP)
	$(MANAGE) makemessages -l th --ignore '.venv/*' --ignore 'tests/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv'

## bench-intake: load test of the public help-request API against the production layout
bench-intake: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	bash bench/bench-intake.sh

## bench-persons: a million generated persons on SQLite and PostgreSQL: search, duplicates
bench-persons: $(STAMP)
	bash bench/bench-persons.sh

## bench-cases: a million cases on PostgreSQL: my day, the case list and the case page (p50/p95, queries)
bench-cases: $(STAMP)
	bash bench/bench-cases.sh

## bench-eligibility: one welfare screen's latency and the engine's batch throughput (issue 7)
bench-eligibility: $(STAMP)
	$(PY) bench/eligibility_bench.py

## bench-cards: one volunteer ID card PDF and a 500-card A4 print sheet (issue 8)
bench-cards: $(STAMP)
	$(PY) bench/cards_bench.py

## bench-dashboard: the dashboard with every panel and a fiscal-year report export at a million cases (issue 10)
bench-dashboard: $(STAMP)
	bash bench/bench-dashboard.sh

## bench-dsar: a data subject's copy (JSON and Thai PDF) for a person with 50 cases (issue 11)
bench-dsar: $(STAMP)
	$(PY) bench/dsar_bench.py

## audit: the installed dependencies against published advisories (needs pypi.org or api.osv.dev)
audit: $(STAMP)
	$(PY) tools/dep_audit.py --output var/dep-audit.json

## serve-prod: the production layout on this machine (gunicorn + task workers, PostgreSQL)
serve-prod: $(STAMP)
	bash bench/serve-prod.sh

clean:
	rm -rf $(VENV) staticfiles var/onestop.sqlite3*
