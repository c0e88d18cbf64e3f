#!/bin/sh
# A production install, checked step by step:
#   npm ci → npm run build → npm prune --omit=dev → the bot and the CLI run on production
#   dependencies only (and npm start does not try to rebuild).
#
#   scripts/production-install.sh          installs a fresh clone of this checkout's HEAD in a
#                                          temporary directory (your checkout is left alone)
#   scripts/production-install.sh DIR      installs in DIR, a checkout you deploy from
#
# It needs the npm registry (npm ci). Do not point it at a working tree whose node_modules
# others use: npm ci replaces node_modules and npm prune removes the devDependencies.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
  dir=$(cd "$1" && pwd)
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/papers-bot-production.XXXXXX")
  echo "==> git clone $here $dir"
  git clone --quiet "$here" "$dir"
fi
cd "$dir"
[ -L node_modules ] && { echo "production-install: $dir/node_modules is a symlink (shared with another checkout); refusing to replace it." >&2; exit 1; }

step() { echo "==> $*"; }
fail() { echo "production-install: $*" >&2; exit 1; }

step "npm ci"
npm ci
step "npm run build"
npm run build
step "npm prune --omit=dev"
npm prune --omit=dev
[ -e node_modules/typescript ] && fail "devDependencies are still installed after npm prune --omit=dev."
[ -e node_modules/tsx ] && fail "tsx is still installed after npm prune --omit=dev."

step "check that dist/ imports only production dependencies"
node scripts/check-runtime-deps.mjs dist

# Start-up may try the network; offline it loads the bundled sample. Its own store, so the
# check does not touch data/.
db=$(mktemp -d "${TMPDIR:-/tmp}/papers-bot-check.XXXXXX")
trap 'rm -rf "$db"' EXIT

step "echo help | node dist/main.js"
out=$(echo help | PAPERS_DB="$db/papers.db" node dist/main.js) || fail "node dist/main.js exited with $?."
echo "$out" | grep -q "/papers today" || fail "node dist/main.js did not answer help:
$out"

step "node bin/papers.js --help"
node bin/papers.js --help | grep -q "Usage: papers" || fail "node bin/papers.js --help did not print the usage."

step "npx papers today --json"
PAPERS_DB="$db/papers.db" npx --no-install papers today --json >/dev/null || fail "npx papers today --json failed."

step "echo status | npm start (dist/ is up to date: no rebuild)"
out=$(echo status | PAPERS_DB="$db/papers.db" npm start --silent 2>&1) || fail "npm start failed:
$out"
echo "$out" | grep -q "building dist/" && fail "npm start rebuilt an up-to-date dist/:
$out"

echo "production install OK in $dir"
