# Stakazo — the two commands that matter on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint migrate clients check-clients check-migrations bench up down clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Stakazo needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Everything on this machine: migrate, then API + worker + beat (http://127.0.0.1:8000).
run: install
	$(BIN)/stakazo run

## The test suite (SQLite; PostgreSQL/Redis when STAKAZO_TEST_DATABASE_URL/STAKAZO_TEST_REDIS_URL are set).
test: install
	$(BIN)/python -m pytest

lint: install check-migrations check-clients
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy backend core workers bench
	$(BIN)/lint-imports --no-logo

migrate: install
	$(BIN)/stakazo migrate

## Models and migrations must not drift: `alembic check` on a freshly migrated scratch database.
check-migrations: install
	@scratch=$$(mktemp -d) && \
	export STAKAZO_DATABASE_URL="sqlite+aiosqlite:///$$scratch/check.db" && \
	$(BIN)/alembic upgrade head >/dev/null 2>&1 && $(BIN)/alembic check; \
	status=$$?; rm -rf "$$scratch"; exit $$status

## Regenerate the committed OpenAPI schema (the generated clients are built from it).
clients: install
	$(BIN)/stakazo openapi > api-clients/openapi.json

check-clients: install
	@$(BIN)/stakazo openapi | diff -u api-clients/openapi.json - \
		|| (echo "api-clients/openapi.json is stale: run 'make clients' and commit" && exit 1)

## Speed against the usual tools, side by side (installs the baselines: PySceneDetect, moviepy).
bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.broker
	$(BIN)/python -m bench.media
	$(BIN)/python -m bench.publish

up:
	docker compose up --build

down:
	docker compose down

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
