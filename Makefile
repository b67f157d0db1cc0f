# Two commands do everything on a fresh machine with Python 3.11: `make run` and `make test`.
# `make` alone lists the targets. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install; re-made whenever pyproject.toml changes.
STAMP := $(VENV)/.installed
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="tests/jurisdictions -x"`.
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install run test lint format bench clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or pass PYTHON=/path/to/python3.11" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## install: create .venv with Python 3.11 and install the project with its dev tools
install: $(STAMP)

## run: install, migrate, load the demo data, print a demo registrar login, serve http://127.0.0.1:8000 (SQLite)
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py demologin
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole test suite (SQLite; set DATABASE_URL=postgres://... to run it on PostgreSQL)
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lint: ruff check, ruff format --check, Django system checks and migration drift
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## format: rewrite code with ruff format and apply ruff's safe fixes
format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: speed benchmarks under benchmarks/ (not part of the tests, not run in CI)
bench: $(STAMP)
	$(BIN)/python -m benchmarks

## clean: remove the virtualenv and build metadata (keeps db.sqlite3)
clean:
	rm -rf $(VENV) *.egg-info
