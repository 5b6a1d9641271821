// The GitHub Action (action.yml) run the way the runner runs a composite action: inputs with their
// defaults, `${{ }}` expressions, `if:` conditions, `run:` steps in bash with GITHUB_OUTPUT, step
// outputs feeding later steps. `uses:` steps (the SARIF upload) cannot run here: the test records the
// inputs they would get and checks the SARIF they would upload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse } = require('yaml');
const repo = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
const action = parse(readFileSync(join(repo, 'action.yml'), 'utf8'));

/**
 * The expression subset action.yml may use (anything else fails the test, so the file stays within
 * what is tested): inputs.X, steps.ID.outputs.Y, github.action_path, 'literals', always(), ==, !=, &&.
 */
function evaluate(expr, ctx) {
  const term = (t) => {
    t = t.trim();
    if (t === 'always()') return true;
    let m;
    if ((m = /^'([^']*)'$/.exec(t))) return m[1];
    if ((m = /^inputs\.([\w-]+)$/.exec(t))) return ctx.inputs[m[1]] ?? '';
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(t))) return ctx.steps[m[1]]?.[m[2]] ?? '';
    if (t === 'github.action_path') return ctx.actionPath;
    throw new Error(`unsupported expression term: ${t}`);
  };
  return expr.split('&&').every((clause) => {
    const m = /^(.*?)(==|!=)(.*)$/.exec(clause);
    if (!m) return Boolean(term(clause));
    return m[2] === '==' ? term(m[1]) === term(m[3]) : term(m[1]) !== term(m[3]);
  });
}

function interpolate(text, ctx) {
  return String(text).replace(/\$\{\{(.*?)\}\}/g, (_, e) => {
    const t = e.trim();
    if (t === 'github.action_path') return ctx.actionPath;
    let m;
    if ((m = /^inputs\.([\w-]+)$/.exec(t))) return ctx.inputs[m[1]] ?? '';
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(t))) return ctx.steps[m[1]]?.[m[2]] ?? '';
    throw new Error(`unsupported expression: ${t}`);
  });
}

/** Runs the composite action in `workspace` with `given` inputs; returns each step's result and the uses it would call. */
function runAction(workspace, given) {
  const inputs = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = given[k] ?? v.default ?? '';
  const ctx = { inputs, steps: {}, actionPath: repo };
  const log = [];
  const uses = [];
  let failed = false;
  for (const step of action.runs.steps) {
    const cond = step.if ? /^\$\{\{(.*)\}\}$/.exec(step.if.trim())?.[1] ?? step.if : 'success()';
    const run = cond.trim() === 'success()' ? !failed : evaluate(cond.replace(/success\(\)/g, failed ? "'' == 'x'" : 'always()'), ctx);
    if (!run) continue;
    if (step.uses) {
      uses.push({ uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, ctx)])) });
      continue;
    }
    assert.equal(step.shell, 'bash', `step "${step.name}" runs in bash`);
    const tmp = mkdtempSync(join(tmpdir(), 'dci-action-'));
    const script = join(tmp, 'step.sh');
    writeFileSync(script, interpolate(step.run, ctx));
    const output = join(tmp, 'output');
    writeFileSync(output, '');
    const env = { ...process.env, GITHUB_ACTION_PATH: repo, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: output, RUNNER_TEMP: tmp };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(v, ctx);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 });
    log.push({ name: step.name, code: r.status, out: r.stdout, err: r.stderr });
    if (step.id) ctx.steps[step.id] = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    if (r.status !== 0) failed = true;
  }
  return { log, uses, failed, outputs: ctx.steps };
}

test('action on examples/ with the documented defaults: annotations, SARIF uploaded, then the action fails', () => {
  const r = runAction(repo, { paths: 'examples/' });
  const lint = r.log.find((s) => s.name === 'Lint');
  assert.ok(lint, 'the Lint step ran');
  assert.equal(lint.code, 0, lint.err);
  assert.equal(r.outputs.lint['exit-code'], '1');
  // --format github: one workflow command per finding, with the file relative to the workspace.
  assert.match(lint.out, /^::error file=examples\/follow-the-sun\.dci\.yaml,line=\d+,/m);
  assert.match(lint.out, /^::error file=examples\/terraform\/hcx-frankfurt-sydney\/hcx\.tf,line=\d+,/m);
  // The upload step gets the SARIF file, which is SARIF 2.1.0 with the same findings.
  assert.equal(r.uses.length, 1);
  assert.match(r.uses[0].uses, /^github\/codeql-action\/upload-sarif@v\d+$/);
  assert.equal(r.uses[0].with.sarif_file, 'dci-lint.sarif');
  const sarifPath = join(repo, 'dci-lint.sarif');
  const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  const errors = (lint.out.match(/^::error /gm) ?? []).length;
  assert.equal(sarif.runs[0].results.filter((x) => x.level === 'error' && !x.suppressions?.length).length, errors);
  // The last step fails with the lint's exit code.
  assert.equal(r.log.at(-1).name, 'Result');
  assert.equal(r.log.at(-1).code, 1);
  assert.equal(r.failed, true);
  spawnSync('rm', ['-f', sarifPath]);
});

test('action on a clean design with sarif off and fail-on warning: no upload, the action passes', () => {
  const r = runAction(repo, { paths: 'examples/scale-out-gslb.dci.yaml\nexamples/metro-vsan.dci.yaml', sarif: 'false', 'fail-on': 'warning', 'sarif-file': 'never.sarif' });
  assert.equal(r.outputs.lint['exit-code'], '0');
  assert.equal(r.outputs.lint['sarif-file'], '');
  assert.equal(r.uses.length, 0);
  assert.equal(existsSync(join(repo, 'never.sarif')), false);
  assert.equal(r.failed, false);
  assert.equal(r.log.at(-1).code, 0);
});

test('action with a bad input: exit code 2 is the action result and no empty SARIF is uploaded', () => {
  const r = runAction(repo, { paths: 'examples/', 'fail-on': 'sometimes', 'sarif-file': join(tmpdir(), `dci-bad-${process.pid}.sarif`) });
  assert.equal(r.outputs.lint['exit-code'], '2');
  assert.equal(r.outputs.lint['sarif-file'], '');
  assert.equal(r.uses.length, 0);
  assert.equal(r.log.at(-1).code, 2);
});
