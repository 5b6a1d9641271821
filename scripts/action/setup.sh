#!/usr/bin/env bash
# GitHub Action step 1: build the CLI from the action's own checkout (once; nothing is fetched at lint time).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -f dist/cli.js ] && [ -f dist/tree-sitter-terraform.wasm ]; then
  echo "DCI Lint $(node dist/cli.js --version) ready"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
node build.mjs --minify
echo "DCI Lint $(node dist/cli.js --version) built"
