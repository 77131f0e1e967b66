#!/usr/bin/env bash
# Generate the client schema and both clients from the app, without starting a server, into the
# folder given (laid out like api-clients/): openapi.json, typescript/src/schema.d.ts, python/.
# `make clients` generates into a scratch folder and moves the results into place; `make lint`
# (check-clients) generates into a scratch folder and compares them with what is committed.
#
#   api-clients/generate.sh OUT_DIR   (run from the repository root; BIN = the venv's bin folder)
set -euo pipefail

out=${1:?usage: api-clients/generate.sh OUT_DIR}
bin=${BIN:-.venv/bin}
bin=$(cd "$bin" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
typescript=$here/typescript

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js and npm are needed to generate the TypeScript client (api-clients/typescript)," >&2
  echo "and they are not installed on this machine: install Node.js 20 or newer, then run again." >&2
  exit 1
fi
if [ ! -x "$typescript/node_modules/.bin/openapi-typescript" ]; then
  (cd "$typescript" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

mkdir -p "$out/typescript/src"
out=$(cd "$out" && pwd)

# 1. The schema (into a file of its own first: a failure never leaves a truncated schema).
"$bin/stakazo" openapi > "$out/openapi.json"

# 2. Both clients from it, side by side.
(
  cd "$typescript"
  node_modules/.bin/openapi-typescript "$out/openapi.json" \
    --output "$out/typescript/src/schema.d.ts" >/dev/null
) &
ts=$!
# The generator's post hooks run the repository's ruff (pinned in the dev extra) from PATH.
PATH="$bin:$PATH" "$bin/openapi-python-client" generate \
  --path "$out/openapi.json" \
  --config "$here/python-config.yaml" \
  --custom-template-path "$here/python-templates" \
  --meta setup \
  --output-path "$out/python" \
  --overwrite \
  --fail-on-warning >/dev/null
wait "$ts"
