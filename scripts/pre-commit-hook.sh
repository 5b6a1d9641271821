#!/usr/bin/env bash
# The pre-commit hook's entry (.pre-commit-hooks.yaml): builds the CLI once in this checkout, then lints
# the files pre-commit passes. Exit codes are the CLI's: 0 clean, 1 findings, 2 usage error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$root/dist/cli.js" ] || [ ! -f "$root/dist/tree-sitter-terraform.wasm" ]; then
  echo "dci-lint: building the CLI for pre-commit (once)" >&2
  (cd "$root" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2 && node build.mjs --minify >&2)
fi
exec node "$root/dist/cli.js" "$@"
