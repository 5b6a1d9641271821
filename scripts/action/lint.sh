#!/usr/bin/env bash
# GitHub Action step 2: lint the inputs' paths. Prints the chosen format to the log (github: annotations),
# writes SARIF when asked, and records the exit code as a step output; the action's last step fails with
# it, after the SARIF upload, so code scanning gets the report even when the lint fails.
set -uo pipefail
cli="$(cd "$(dirname "$0")/../.." && pwd)/dist/cli.js"
# Paths: split on spaces and new lines (GitHub passes multi-line inputs as one string).
read -r -a paths <<<"$(printf '%s' "${INPUT_PATHS:-.}" | tr '\n' ' ')"
[ ${#paths[@]} -gt 0 ] || paths=(.)
args=(--fail-on "${INPUT_FAIL_ON:-error}")
[ -n "${INPUT_MAX_WARNINGS:-}" ] && args+=(--max-warnings "$INPUT_MAX_WARNINGS")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")

node "$cli" "${paths[@]}" "${args[@]}" --format "${INPUT_FORMAT:-github}"
code=$?
sarif=""
if [ "${INPUT_SARIF:-true}" = "true" ]; then
  sarif="${INPUT_SARIF_FILE:-dci-lint.sarif}"
  node "$cli" "${paths[@]}" "${args[@]}" --format sarif >"$sarif"
  sarif_code=$?
  # A usage error writes no SARIF: do not hand an empty file to the upload.
  if [ "$sarif_code" -ge 2 ]; then sarif=""; fi
fi
{
  echo "exit-code=$code"
  echo "sarif-file=$sarif"
} >>"${GITHUB_OUTPUT:-/dev/stdout}"
exit 0
