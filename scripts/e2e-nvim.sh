#!/usr/bin/env bash
# Neovim end-to-end test: a real LSP client (Neovim 0.7 from Debian, headless) attaches to the built
# server, receives diagnostics, applies a quick fix and sees the diagnostic go away.
# Installs nothing: without `nvim` it says how to get it and exits 3 (scripts/test.mjs reports the level
# as skipped, or failed under DCI_LINT_REQUIRE_E2E=1). Needs `node build.mjs` first.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvim >/dev/null 2>&1; then
  echo "e2e-nvim: nvim not found. Install it with: sudo bash scripts/setup-e2e.sh (or: sudo apt-get install neovim)" >&2
  exit 3
fi
[ -f dist/server.js ] || node build.mjs

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp test/lsp/fixtures/metro.dci.yaml "$work/metro.dci.yaml"

passed=0
failed=0
for script in test/e2e/nvim/*.lua; do
  name="$(basename "$script" .lua)"
  start=$(date +%s%N)
  if DCI_NVIM_RUNTIME="$PWD/editors/nvim" DCI_SERVER="$PWD/dist/server.js" DCI_FILE="$work/metro.dci.yaml" \
    timeout 60 nvim --headless --clean -u NONE -c "luafile $script" </dev/null; then
    echo "ok - nvim $name ($(( ($(date +%s%N) - start) / 1000000 )) ms)"
    passed=$((passed + 1))
  else
    echo "not ok - nvim $name"
    failed=$((failed + 1))
  fi
  cp test/lsp/fixtures/metro.dci.yaml "$work/metro.dci.yaml"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
