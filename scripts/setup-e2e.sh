#!/usr/bin/env bash
# Installs what the end-to-end levels of `npm test` need, on Debian/Ubuntu, as root (CI runs it; a
# contributor runs it once with sudo): Neovim for scripts/e2e-nvim.sh, pre-commit for
# scripts/e2e-pre-commit.sh, then Chromium (also for test/web), Node 24 and
# code-server for scripts/e2e-code-server.sh (scripts/setup-code-server.sh, cached under ~/.cache/dci-lint).
# Idempotent. The test scripts themselves install nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v pre-commit >/dev/null 2>&1 || missing+=(pre-commit)
if ((${#missing[@]})); then
  [ "$(id -u)" = 0 ] || { echo "setup-e2e: run as root (sudo) to install ${missing[*]}" >&2; exit 1; }
  echo "setup-e2e: apt-get install ${missing[*]}" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
bash scripts/setup-code-server.sh
