#!/usr/bin/env bash
# Browser tests for parley's built-in theme (issue 7).
#
#   bash browser-tests/run.sh [extra node --test options, e.g. --test-name-pattern=axe]
#
# 1. makes sure Debian's Chromium and a Java runtime are there (installs them with apt-get
#    when run as root and they are missing), and installs the pinned npm packages
#    (playwright-core, axe-core, vnu-jar) from package-lock.json;
# 2. builds parley (cargo build --release);
# 3. starts two tiny static servers on 127.0.0.1 (server.mjs: index.html for folders,
#    404.html with status 404 for missing paths), then builds the default site and the
#    fixture site into a temporary folder with --base-url pointing at them;
# 4. runs site.test.mjs with Node's test runner.
# Screenshots: browser-tests/screenshots/*.png; findings: browser-tests/results/report.json.
#
# Environment: PARLEY_BIN (skip cargo and use this binary), CHROMIUM (default
# /usr/bin/chromium), KEEP_SITES=1 (keep the built sites and print where).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

log() { printf '[browser-tests] %s\n' "$*" >&2; }

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "missing: $* (install the Debian package(s) $*)"
    exit 1
  fi
  log "installing $* with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- 1. tools
[ -x "$CHROMIUM" ] || apt_install chromium
command -v java >/dev/null || apt_install default-jre-headless
command -v node >/dev/null || { log "node is required"; exit 1; }

cd "$here"
# npm ci unless node_modules already holds exactly the locked versions.
if ! node -e '
  const lock = require("./package-lock.json");
  for (const [k, v] of Object.entries(lock.packages)) {
    if (!k) continue;
    if (require("./" + k + "/package.json").version !== v.version) process.exit(1);
  }' 2>/dev/null; then
  log "npm ci"
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; the
  # machine's Java is used instead.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# --- 2. parley
if [ -n "${PARLEY_BIN:-}" ]; then
  bin="$PARLEY_BIN"
else
  log "cargo build --release"
  (cd "$repo" && cargo build --release --quiet)
  bin="${CARGO_TARGET_DIR:-$repo/target}/release/parley"
fi
[ -x "$bin" ] || { log "no parley binary at $bin"; exit 1; }

# --- 3. serve and build
tmp="$(mktemp -d "${TMPDIR:-/tmp}/parley-browser-tests.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "${KEEP_SITES:-}" = 1 ]; then log "built sites kept in $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

serve() { # serve NAME: starts its server and sets served_url
  local name="$1" out="$tmp/$1"
  mkdir -p "$out"
  node "$here/server.mjs" "$out" 0 >"$tmp/$name.server.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 100); do
    if grep -q '^listening ' "$tmp/$name.server.log" 2>/dev/null; then
      served_url="$(sed -n 's/^listening //p' "$tmp/$name.server.log")"
      return 0
    fi
    sleep 0.1
  done
  log "the $name server did not start:"; cat "$tmp/$name.server.log" >&2
  exit 1
}

build() { # build NAME ROOT URL
  local name="$1" root="$2" url="$3"
  log "building the $name site ($root) for $url"
  # The server serves whatever is in the folder at request time, so building into the
  # served folder after the server is up is fine.
  "$bin" --root "$root" build --output "$tmp/$name" --base-url "$url"
  [ -f "$tmp/$name/index.html" ] || { log "the $name site has no index.html"; exit 1; }
}

serve default; default_url="$served_url"
serve fixture; fixture_url="$served_url"
serve langs; langs_url="$served_url"
serve photos; photos_url="$served_url"

build default "$repo" "$default_url"
build fixture "$repo/tests/fixtures/geneva-site" "$fixture_url"
build langs "$repo/tests/fixtures/multilingual-site" "$langs_url"
build photos "$repo/tests/fixtures/photo-site" "$photos_url"

export PARLEY_DEFAULT_URL="$default_url" PARLEY_DEFAULT_OUT="$tmp/default" PARLEY_DEFAULT_ROOT="$repo"
export PARLEY_FIXTURE_URL="$fixture_url" PARLEY_FIXTURE_OUT="$tmp/fixture" PARLEY_FIXTURE_ROOT="$repo/tests/fixtures/geneva-site"
export PARLEY_LANGS_URL="$langs_url" PARLEY_LANGS_OUT="$tmp/langs" PARLEY_LANGS_ROOT="$repo/tests/fixtures/multilingual-site"
export PARLEY_PHOTOS_URL="$photos_url" PARLEY_PHOTOS_OUT="$tmp/photos" PARLEY_PHOTOS_ROOT="$repo/tests/fixtures/photo-site"

# --- 4. test
rm -rf "$here/screenshots"
mkdir -p "$here/screenshots" "$here/results"
log "running the browser tests (default site $default_url, fixture site $fixture_url)"
status=0
node --test --test-reporter=spec "$@" "$here/site.test.mjs" || status=$?
log "screenshots: $here/screenshots/   report: $here/results/report.json"
exit "$status"
