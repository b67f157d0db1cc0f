# Two commands do everything on a fresh machine with Python 3.11: `make run` and `make test`.
# `make` alone lists the targets. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install; re-made whenever pyproject.toml changes.
STAMP := $(VENV)/.installed
# Touched after `npm ci` (axe-core for the browser tests); re-made whenever package-lock.json changes.
NODE_STAMP := node_modules/.installed
# Folders whose strings are not extracted by `make messages` (tests/i18n/test_catalogues.py
# leaves out the same ones).
MESSAGES_IGNORE := $(foreach dir,.venv node_modules tests benchmarks media static docs,--ignore=$(dir))
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="tests/jurisdictions -x"`.
PYTEST_ARGS ?=
# Length of `make load` in seconds (CI runs a 10 s version through tests/deployment/test_load.py).
LOAD_SECONDS ?= 60
# Where `make backup` writes the database (the stored files go to $(BACKUP_FILE).files.tar.gz).
BACKUP_FILE ?= backups/registry-$(shell date -u +%Y%m%dT%H%M%SZ).dump

.DEFAULT_GOAL := help
.PHONY: help install run test lint security format bench load backup messages clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or pass PYTHON=/path/to/python3.11" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: the browser tests need axe-core from npm. Install Node.js and npm with: sudo apt-get install -y nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

## install: create .venv with Python 3.11 and install the project with its dev tools
install: $(STAMP)

## run: install, migrate, load the demo data, print the demo registrar, minister's office and liaison officer logins, serve http://127.0.0.1:8000 (SQLite)
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py demologin
	$(BIN)/python manage.py demologin --role minister
	$(BIN)/python manage.py demologin --role liaison
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: install what the tests need (Python and npm packages), run the whole test suite (SQLite; set DATABASE_URL=postgres://... to run it on PostgreSQL)
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lint: ruff check, ruff format --check, Django system checks and migration drift
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## security: bandit over the code (not tests, migrations or .venv); any medium or high finding fails
security: $(STAMP)
	$(BIN)/bandit -c pyproject.toml -r . --severity-level medium --quiet

## format: rewrite code with ruff format and apply ruff's safe fixes
format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## load: 60 s (LOAD_SECONDS) of mixed public pages, searches, PDF downloads and API requests against gunicorn, driven by wrk (the demo data; on PostgreSQL when DATABASE_URL says so); prints req/s and p95 and fails on any error (`make load LOAD_SECONDS=10` for a short run)
load: $(STAMP)
	$(BIN)/python -m benchmarks.load --seconds $(LOAD_SECONDS)

## backup: back up the database (pg_dump, or SQLite's backup API) and the stored files to BACKUP_FILE (default backups/registry-<UTC time>.dump); restore with `manage.py restore_registry FILE` (README, "Backup and restore")
backup: $(STAMP)
	$(BIN)/python manage.py backup_registry $(BACKUP_FILE)

## messages: extract every interface string into the French catalogues (.po), then compile them (.mo)
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fr --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages $(MESSAGES_IGNORE)

## bench: speed benchmarks under benchmarks/: pages served by gunicorn and driven by wrk against a hello view (writes BENCHMARKS.md), search, PDFs, bulk export at 1,000 and 10,000 agreements and import of 10,000 (time and peak memory, added to BENCHMARKS.md) (not part of the tests, not run in CI)
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## clean: remove the virtualenv and build metadata (keeps db.sqlite3)
clean:
	rm -rf $(VENV) *.egg-info
