#!/bin/sh
# A production install, checked step by step:
#   npm ci → npm run build → npm prune --omit=dev → the bot and the CLI run on production
#   dependencies only (and npm start does not try to rebuild) → the bot started with
#   PAPERS_HTTP_PORT answers GET /healthz and GET /metrics and stops cleanly on SIGTERM.
# These are the Dockerfile's steps (and its HEALTHCHECK, scripts/healthcheck.mjs); CI runs
# this script on a clean clone, so what the image does is tested where it cannot be built.
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

step "PAPERS_HTTP_PORT=<free port> node dist/main.js; node scripts/healthcheck.mjs --wait 60; SIGTERM"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
# No platform token here, so the bot runs its shell; a FIFO held open keeps its input from
# ending, as a terminal would, so it stays up until SIGTERM.
mkfifo "$db/stdin"
PAPERS_DB="$db/papers.db" PAPERS_HTTP_PORT="$port" node dist/main.js <"$db/stdin" >"$db/bot.log" 2>&1 &
pid=$!
exec 3>"$db/stdin"
health=$(PAPERS_HTTP_PORT="$port" node scripts/healthcheck.mjs --wait 60 2>&1) || { kill "$pid" 2>/dev/null; fail "GET /healthz did not answer 200 within 60 s:
$health
$(cat "$db/bot.log")"; }
echo "$health" | grep -q '"status":"ok"' || { kill "$pid"; fail "GET /healthz is not ok: $health"; }
metrics=$(node scripts/healthcheck.mjs --url "http://127.0.0.1:$port/metrics" 2>&1) || { kill "$pid"; fail "GET /metrics failed: $metrics"; }
echo "$metrics" | grep -q 'papers_' || { kill "$pid"; fail "GET /metrics has no papers_ metrics: $metrics"; }
kill -TERM "$pid"
code=0
wait "$pid" || code=$?
exec 3>&-
[ "$code" -eq 0 ] || fail "node dist/main.js exited with $code on SIGTERM:
$(cat "$db/bot.log")"

if [ $# -ge 1 ]; then
  echo "production install OK in $dir"
else
  cd "$here"
  rm -rf "$dir"
  echo "production install OK (checked in a fresh clone of HEAD, since removed)"
fi
