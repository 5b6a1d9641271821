#!/usr/bin/env bash
# pre-commit end-to-end test: Debian's pre-commit installs this repository's hook (.pre-commit-hooks.yaml,
# language script: its first run builds the CLI in pre-commit's copy with npm ci) and runs it
# on the staged files of a throwaway git repository.
#   bash scripts/e2e-pre-commit.sh     (needs `pre-commit` on PATH: apt-get install pre-commit)
# The throwaway repository's .pre-commit-config.yaml points at this checkout's HEAD (commit first). The
# first run builds the CLI in the hook's copy (npm ci of the devDependencies: a minute or two); pre-commit
# keeps that copy in PRE_COMMIT_HOME (a temporary folder here, so every run starts clean).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
command -v pre-commit >/dev/null || { echo "e2e-pre-commit: pre-commit is not installed (apt-get install pre-commit)"; exit 3; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"
rev="$(git -C "$ROOT" rev-parse HEAD)"
mkdir "$work/repo"
cd "$work/repo"
git init -q .
git config user.email e2e@dci-lint.invalid
git config user.name e2e
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $ROOT
    rev: $rev
    hooks:
      - id: dci-lint
YAML
git add .pre-commit-config.yaml
passed=0
failed=0
check() { # name expected-exit pattern
  local name="$1" want="$2" pattern="$3" out code
  set +e
  out="$(pre-commit run 2>&1)"
  code=$?
  set -e
  if [ "$code" = "$want" ] && grep -qE -- "$pattern" <<<"$out"; then
    echo "ok - pre-commit $name"
    passed=$((passed + 1))
  else
    echo "not ok - pre-commit $name (exit $code, want $want; pattern $pattern)"
    printf '%s\n' "$out" | tail -40
    failed=$((failed + 1))
  fi
}
# 1. A clean metro design and a YAML file that is no design: the hook passes.
cp "$ROOT/examples/metro-vsan.dci.yaml" metro.dci.yaml
printf 'kind: ConfigMap\nmetadata: { name: x }\n' >configmap.yaml
git add metro.dci.yaml configmap.yaml
check "clean design staged: passes" 0 'DCI Lint\.+Passed'
git commit -qm clean --no-verify
# 2. Follow-the-sun staged: the hook fails with the vMotion finding.
cp "$ROOT/examples/follow-the-sun.dci.yaml" fts.dci.yaml
git add fts.dci.yaml
check "follow-the-sun staged: fails on vmotion-rtt" 1 'vmotion-rtt'
git reset -q fts.dci.yaml
rm fts.dci.yaml
# 3. A Terraform module staged: the hook lints the module (HCX vMotion Frankfurt -> Sydney).
cp -r "$ROOT/examples/terraform/hcx-frankfurt-sydney" tf
git add tf
check "Terraform module staged: fails on vmotion-rtt" 1 '^ +[0-9]+:[0-9]+ +error +HCX vMotion .*vmotion-rtt$'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
