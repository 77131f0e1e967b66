# Stakazo — the two commands that matter on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-python test-dashboard lint lint-dashboard dashboard migrate clients check-clients check-migrations bench up down clean

# Skip a dashboard step, saying so, on a machine without Node.js; CI (CI=true) has it, or fails.
define needs-node
if ! command -v npm >/dev/null 2>&1; then \
	if [ -n "$$CI" ]; then echo "$(1): Node.js 20+ with npm is required in CI"; exit 1; fi; \
	echo "$(1) skipped: Node.js 20+ with npm is not installed"; exit 0; fi;
endef

$(STAMP): pyproject.toml api-clients/python/pyproject.toml api-clients/python/setup.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Stakazo needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -e api-clients/python
	@touch $(STAMP)

install: $(STAMP)

## The dashboard (dashboard/out, served by the API at /): `npm ci` where a package-lock.json
## changed, `npm run build` where its sources or the TypeScript client changed. Needs Node.js 20+.
dashboard:
	@dashboard/scripts/build.sh

## Everything on this machine: migrate, then API + worker + beat, and the dashboard at
## http://127.0.0.1:8000/ (built first when its sources changed; without Node.js the API still
## starts, and / says how to get the dashboard).
run: install
	@dashboard/scripts/build.sh --optional
	$(BIN)/stakazo run

## Every suite: pytest, then the dashboard's components (Vitest) and the browser (Chromium).
test: test-python test-dashboard

## The Python suite (SQLite; PostgreSQL/Redis when STAKAZO_TEST_DATABASE_URL/STAKAZO_TEST_REDIS_URL are set).
test-python: install
	$(BIN)/python -m pytest

## Vitest component tests, then the browser suite against a fresh build (it says when it is
## skipped and why, e.g. no Chromium). Without Node.js both are skipped, saying so (in CI: fail).
test-dashboard: install
	@$(call needs-node,dashboard tests) \
	set -e; dashboard/scripts/build.sh; \
	cd dashboard && npm test && npm run test:e2e

lint: install check-migrations check-clients lint-dashboard
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy backend core workers bench
	$(BIN)/lint-imports --no-logo

## ESLint and the type check, then the initial-JavaScript budget of every page of the build.
lint-dashboard:
	@$(call needs-node,dashboard lint) \
	set -e; dashboard/scripts/build.sh; \
	cd dashboard && npx --no-install eslint . --max-warnings 0 && npx --no-install tsc --noEmit \
		&& node scripts/check-budget.mjs

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
	$(BIN)/python -m bench.speech
	$(BIN)/python -m bench.publish
	$(BIN)/python -m bench.api

up:
	docker compose up --build

down:
	docker compose down

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache dashboard/out dashboard/.next
