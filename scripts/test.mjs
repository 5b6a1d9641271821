// `npm test`: every level of test, one after the other, with one closing count.
//   0. the type check, the linter and the formatter
//   1. node:test suites: core, fixtures, calibration, CLI, language server over stdio, Terraform, hardening
//   2. a real client: Neovim headless (installs the Debian package when missing)
//   3. real VS Code: code-server in headless Chromium with the VSIX installed (installs what it needs,
//      cached under ~/.cache/dci-lint; several minutes the first time)
// DCI_LINT_SKIP_E2E=1 runs level 1 only (for a quick loop on a workstation); CI runs everything.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const suites = ['test/unit', 'test/cli', 'test/lsp', 'test/terraform', 'test/web', 'test/hardening']
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => `${dir}/${f}`));

const stages = [
  { name: 'type check (tsc --strict)', cmd: process.execPath, args: ['node_modules/typescript/bin/tsc', '-p', '.'], counts: 'one' },
  { name: 'lint (eslint)', cmd: process.execPath, args: ['node_modules/eslint/bin/eslint.js', 'server/src', 'client/src'], counts: 'one' },
  { name: 'format (prettier --check)', cmd: process.execPath, args: ['node_modules/prettier/bin/prettier.cjs', '--check', 'server/src/**/*.ts', 'client/src/**/*.ts'], counts: 'one' },
  { name: 'node:test suites', cmd: process.execPath, args: ['--test', '--test-reporter=spec', '--test-concurrency=2', ...suites], counts: 'node' },
];
const skipE2e = process.env.DCI_LINT_SKIP_E2E === '1' && process.env.CI !== 'true';
if (!skipE2e) {
  stages.push({ name: 'Neovim end to end', cmd: 'bash', args: ['scripts/e2e-nvim.sh'], counts: 'plain' });
  stages.push({ name: 'VS Code (code-server) end to end', cmd: 'bash', args: ['scripts/e2e-code-server.sh'], counts: 'one' });
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
for (const stage of stages) {
  console.log(`\n=== ${stage.name}`);
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
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
