# Stakazo — the two commands that matter on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint migrate clients check-clients check-migrations bench up down clean

$(STAMP): pyproject.toml api-clients/python/pyproject.toml api-clients/python/setup.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Stakazo needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -e api-clients/python
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

## Regenerate, from the app and without a server, the client schema and both generated clients:
## api-clients/openapi.json, api-clients/typescript/src/schema.d.ts, api-clients/python/.
CLIENT_FILES := openapi.json typescript/src/schema.d.ts python/README.md python/pyproject.toml python/setup.py
clients: install
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	BIN=$(BIN) bash api-clients/generate.sh "$$scratch" && \
	for file in $(CLIENT_FILES); do \
		cmp -s "$$scratch/$$file" "api-clients/$$file" || mv "$$scratch/$$file" "api-clients/$$file"; \
	done && \
	rm -rf api-clients/python/stakazo_client && \
	mv "$$scratch/python/stakazo_client" api-clients/python/stakazo_client

## The committed schema and clients must be what the app generates now; the generated Python
## package must type-check on its own and the TypeScript package must compile.
check-clients: install
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	BIN=$(BIN) bash api-clients/generate.sh "$$scratch" || \
		{ echo "check-clients: could not generate the clients (see above)"; exit 1; }; \
	stale=0; \
	for file in $(CLIENT_FILES); do \
		cmp -s "$$scratch/$$file" "api-clients/$$file" || \
			{ echo "api-clients/$$file differs from what the app generates"; stale=1; }; \
	done; \
	diff -rq -x __pycache__ "$$scratch/python/stakazo_client" api-clients/python/stakazo_client \
		| sed -E -e "s|^Files $$scratch/([^ ]+) and .*|api-clients/\1 differs from what the app generates|" \
			-e "s|^Only in $$scratch/([^:]+): (.*)|api-clients/\1/\2 is generated but not committed|" \
			-e "s|^Only in (api-clients/[^:]+): (.*)|\1/\2 is committed but no longer generated|" \
		| grep . && stale=1; \
	if [ $$stale = 1 ]; then echo "The clients are stale: run 'make clients' and commit api-clients/"; exit 1; fi
	@cd api-clients/python && ../../$(BIN)/mypy stakazo_client
	@cd api-clients/typescript && node_modules/.bin/tsc --noEmit -p tsconfig.json

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
