// The CLI and the language server give the same findings for the same files: every Terraform fixture
// (HCL, JSON syntax, overrides, count/for_each, dynamic blocks, module trees, plans) through both.
// Module files: same rule, severity, message and range. Plans: the editor keeps a plan's findings in the
// plan, the CLI maps them to the .tf lines beside it, so those compare by rule, severity, message and
// resource address only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { LspClient, ROOT } from './client.mjs';

const FIXTURES = 'test/fixtures/terraform';
const CLI = path.join(ROOT, 'dist/cli.js');
const names = readdirSync(path.join(ROOT, FIXTURES)).sort();
const modules = names.filter((n) => !n.startsWith('plan-'));
const plans = names.filter((n) => n.startsWith('plan-'));

function cli(args) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(r.status === 0 || r.status === 1, `CLI exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** every module file of a fixture tree, relative to ROOT */
function treeFiles(dir) {
  const out = [];
  for (const n of readdirSync(path.join(ROOT, dir)).sort()) {
    const rel = `${dir}/${n}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...treeFiles(rel));
    else if (/\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(n)) out.push(rel);
  }
  return out;
}

const sev = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
let c;
before(async () => {
  c = new LspClient();
  await c.initialize();
});
after(() => c.kill());

async function lspFindings(file, languageId) {
  const { uri } = c.openFile(file, languageId);
  const { diagnostics } = await c.diagnosticsFor(uri);
  c.notify('textDocument/didClose', { textDocument: { uri } });
  return diagnostics;
}

test('CLI and language server: the same findings on every Terraform module fixture', async () => {
  const reports = cli(modules.map((n) => `${FIXTURES}/${n}`));
  const byFile = new Map(reports.map((r) => [r.file, r.findings.filter((f) => !f.suppressed)]));
  let compared = 0;
  for (const name of modules) {
    for (const file of treeFiles(`${FIXTURES}/${name}`)) {
      const fromCli = (byFile.get(file) ?? []).map((f) => `${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1} ${f.severity} ${f.ruleId} ${f.message}`).sort();
      const diagnostics = await lspFindings(file, file.endsWith('.json') ? 'json' : 'terraform');
      const fromLsp = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${sev[d.severity]} ${d.code} ${d.message}`).sort();
      assert.deepEqual(fromLsp, fromCli, file);
      compared += fromCli.length;
    }
  }
  assert.ok(compared >= 30, `compared ${compared} findings`);
});

test('CLI and language server: the same findings on every plan fixture', async () => {
  for (const name of plans) {
    const plan = `${FIXTURES}/${name}/plan.json`;
    assert.ok(existsSync(path.join(ROOT, plan)));
    const fromCli = cli([plan])
      .flatMap((r) => r.findings)
      .filter((f) => !f.suppressed)
      .map((f) => `${f.severity} ${f.ruleId} ${f.data.address} ${f.message}`)
      .sort();
    const diagnostics = await lspFindings(plan, 'json');
    // The editor's diagnostics carry no address; an instance finding names it in the message.
    const fromLsp = diagnostics.map((d) => `${sev[d.severity]} ${d.code} ${d.message}`).sort();
    assert.deepEqual(fromLsp, fromCli.map((s) => s.replace(/^(\S+ \S+) \S+ /, '$1 ')).sort(), plan);
    assert.ok(name !== 'plan-fra-syd' || fromCli.length === 3, `${plan}: ${fromCli.length} findings`);
  }
});
