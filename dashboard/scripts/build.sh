#!/usr/bin/env bash
# Build the dashboard (dashboard/out, which the API serves at /) only when it is out of date:
# `npm ci` where a package-lock.json changed, `npm run build` where the sources changed since
# the last build (out/.sources-sha256 holds their hash).
#   scripts/build.sh            build, or fail when Node.js is missing
#   scripts/build.sh --optional without Node.js, say how to get the dashboard and succeed
#   scripts/build.sh --deps     only install the packages
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
client="$root/api-clients/typescript"
mode="${1:-}"

no_node() {
  if [ -f "$here/out/index.html" ]; then
    cat >&2 <<'MSG'
Node.js 20 or newer (with npm) is not here, so the dashboard cannot be rebuilt: the API serves
the build it has in dashboard/out, which may be out of date. Install Node.js (from nodejs.org or
your package manager), then run `make run` again, or `make dashboard` on its own.
MSG
  else
    cat >&2 <<'MSG'
The dashboard is not built: it needs Node.js 20 or newer, with npm, once to build it.
Install Node.js (from nodejs.org or your package manager), then run `make run` again, or
`make dashboard` on its own. The API works without it; its / page says the same.
MSG
  fi
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  no_node
  [ "$mode" = "--optional" ] && exit 0 || exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old for the dashboard." >&2
  no_node
  [ "$mode" = "--optional" ] && exit 0 || exit 1
fi

hash_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }

# npm ci where the lock file changed since the last install.
for package in "$client" "$here"; do
  lock="$package/package-lock.json"
  stamp="$package/node_modules/.package-lock.sha256"
  want="$(hash_of "$lock")"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "== npm ci in ${package#"$root"/}"
    (cd "$package" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
done
[ "$mode" = "--deps" ] && exit 0

# What the build reads: the dashboard's sources and config, and the TypeScript client.
sources() {
  find "$here" \
    \( -path "$here/node_modules" -o -path "$here/.next" -o -path "$here/out" -o -path "$here/test-results" \
       -o -path "$here/e2e" -o -path "$here/test" -o -path "$here/scripts" \) -prune -o \
    -type f ! -name '*.test.ts' ! -name '*.test.tsx' ! -name 'next-env.d.ts' ! -name '*.tsbuildinfo' -print0
  find "$client" -path "$client/node_modules" -prune -o -type f -print0
}
want="$(sources | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
stamp="$here/out/.sources-sha256"
if [ -f "$here/out/index.html" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "== the dashboard is up to date (dashboard/out)"
  exit 0
fi
echo "== building the dashboard (dashboard/out)"
(cd "$here" && npm run build --silent)
echo "$want" > "$stamp"
