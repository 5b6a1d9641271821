// Lint Workspace (client/src/lintWorkspace.ts) against the CLI: the files the client asks about are those
// WORKSPACE_LINT_GLOB matches outside SKIP_DIRS (core/files.ts), and the server's answers over
// `dciLint/lintFiles` add up to the CLI's findings over the same folder. The Terraform fixtures hold every
// kind of file the CLI lints in a folder: .tf, .tf.json, .tfvars, .tfvars.json, plans and topologies
// (Lint Workspace once asked about *.yaml and *.tf only: findings in .tf.json, .tfvars and plans were missing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';
import picomatch from 'picomatch';
import { LspClient, ROOT, uriOf } from './client.mjs';

const require = createRequire(import.meta.url);
const core = require(path.join(process.env.DCI_LINT_DIST ? path.resolve(process.env.DCI_LINT_DIST) : path.join(ROOT, 'dist'), 'core.js'));
const FOLDER = 'test/fixtures/terraform';

/** The files under `folder` that VS Code's findFiles(WORKSPACE_LINT_GLOB, WORKSPACE_LINT_EXCLUDE) gives, relative to ROOT. */
function candidates(folder) {
  const include = picomatch(core.WORKSPACE_LINT_GLOB, { dot: true });
  const exclude = picomatch(core.WORKSPACE_LINT_EXCLUDE, { dot: true });
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (include(p) && !exclude(p)) out.push(p);
    }
  };
  walk(folder);
  return out.sort();
}

test('the Lint Workspace globs take every kind of file the CLI lints, and skip the folders it skips', () => {
  const take = picomatch(core.WORKSPACE_LINT_GLOB, { dot: true });
  const skip = picomatch(core.WORKSPACE_LINT_EXCLUDE, { dot: true });
  for (const name of ['a/x.dci.yaml', 'a/x.yml', 'a/main.tf', 'a/cdk.tf.json', 'a/terraform.tfvars', 'a/prod.auto.tfvars.json', 'a/plan.json', 'a/tfplan.json']) assert.ok(take(name) && !skip(name), name);
  for (const dir of core.SKIP_DIRS) assert.ok(skip(`a/${dir}/main.tf`), dir);
  assert.equal(take('a/main.tf.bak'), false);
});

test("Lint Workspace over the Terraform fixtures: the server's answers add up to the CLI's findings, file kind by file kind", async () => {
  // A folder with a plan beside its configuration: the CLI lints it once, through the plan; the editor
  // lints the .tf files as they are typed (docs/terraform.md). Compared apart below.
  const planFolders = new Set(
    candidates(FOLDER)
      .filter((f) => /\.json$/.test(f) && !/\.tf(vars)?\.json$/.test(f) && candidates(path.dirname(f)).some((g) => /\.tf$/.test(g)))
      .map((f) => path.dirname(f)),
  );
  assert.deepEqual([...planFolders], [`${FOLDER}/plan-fra-syd`]);
  const files = candidates(FOLDER).filter((f) => !planFolders.has(path.dirname(f)));
  const kinds = new Set(files.map((f) => /(\.tf\.json|\.tfvars\.json|\.tfvars|\.tf|\.json|\.ya?ml)$/.exec(f)?.[1]));
  assert.deepEqual([...kinds].sort(), ['.json', '.tf', '.tf.json', '.tfvars', '.tfvars.json', '.yaml']);
  const cli = JSON.parse(spawnSync(process.execPath, ['dist/cli.js', FOLDER, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }).stdout);
  const expected = cli.filter((f) => !planFolders.has(path.dirname(f.file))).flatMap((f) => f.findings.filter((x) => !x.suppressed).map((x) => `${x.ruleId} ${x.message}`)).sort();
  const c = new LspClient();
  try {
    await c.initialize();
    const answers = [];
    for (let i = 0; i < files.length; i += 10) answers.push(...(await c.request('dciLint/lintFiles', { uris: files.slice(i, i + 10).map(uriOf) })));
    const got = answers.flatMap((a) => a.diagnostics.map((d) => `${d.code} ${d.message}`)).sort();
    assert.ok(expected.length >= 80, `the fixtures have findings: ${expected.length}`);
    assert.deepEqual(got, expected);
    // every kind but the plain YAML configs contributes (a plan's findings stay in the plan in the editor)
    const withFindings = new Set(answers.filter((a) => a.diagnostics.length > 0).map((a) => /(\.tf\.json|\.tfvars|\.tf|\.json)$/.exec(a.uri)?.[1]));
    assert.deepEqual([...withFindings].sort(), ['.json', '.tf', '.tf.json', '.tfvars']);
    // the plan folder: the plan's findings (in the plan, where the CLI puts them on the .tf lines), and the
    // configuration's own, which the plan had resolved (a variable without a value)
    const planFiles = candidates(`${FOLDER}/plan-fra-syd`);
    const inEditor = (await c.request('dciLint/lintFiles', { uris: planFiles.map(uriOf) })).flatMap((a) => a.diagnostics.map((d) => `${d.code} ${d.message}`));
    const inCli = cli.filter((f) => planFolders.has(path.dirname(f.file))).flatMap((f) => f.findings.map((x) => `${x.ruleId} ${x.message}`));
    const extra = [...inEditor];
    for (const x of inCli) {
      const i = extra.indexOf(x);
      assert.ok(i >= 0, `the editor has the plan's finding: ${x}`);
      extra.splice(i, 1);
    }
    assert.deepEqual(extra.map((x) => x.split(':')[0]), ['unresolved-location Site `vmc_sddc.cloud` cannot be placed']);
  } finally {
    await c.shutdown();
  }
});

test('a module whose callers are below it (the examples of a registry module): the editor lints it in their context, as the CLI does', async () => {
  const folder = 'test/lsp/fixtures/module-called-from-examples';
  const files = candidates(folder);
  assert.deepEqual(files, [`${folder}/examples/global/main.tf`, `${folder}/examples/regional/main.tf`, `${folder}/main.tf`, `${folder}/variables.tf`]);
  const cli = JSON.parse(spawnSync(process.execPath, ['dist/cli.js', folder, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }).stdout);
  const expected = cli.flatMap((f) => f.findings.map((x) => `${f.file}:${x.line}:${x.column} ${x.severity} ${x.ruleId}`));
  // strong consistency from West Europe to Australia East, in the global example's context; none in the regional one's
  assert.deepEqual(expected, [`${folder}/main.tf:11:26 error managed-replication`]);
  const c = new LspClient();
  try {
    await c.initialize();
    const answers = await c.request('dciLint/lintFiles', { uris: files.map(uriOf) });
    const got = answers.flatMap((a) => a.diagnostics.map((d) => `${path.relative(ROOT, new URL(a.uri).pathname)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${['', 'error', 'warning', 'info'][d.severity]} ${d.code}`));
    assert.deepEqual(got, expected);
    // and as the user types in it: the module's own file, open
    const wait = c.diagnosticsFor(uriOf(`${folder}/main.tf`), 1, 20000);
    c.openFile(`${folder}/main.tf`, 'terraform');
    const open = await wait;
    assert.deepEqual(open.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message.slice(0, 60)}`), ['11:26 managed-replication: Azure Cosmos DB module.cosmos.azurerm_cosmosdb_account.db: s']);
  } finally {
    await c.shutdown();
  }
});

test('a caller added below a module is found once the file is on disk (the search is kept until a file changes)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dci-callers-'));
  try {
    const src = path.join(ROOT, 'test/lsp/fixtures/module-called-from-examples');
    for (const f of ['main.tf', 'variables.tf']) cpSync(path.join(src, f), path.join(dir, f));
    const c = new LspClient({ rootUri: pathToFileURL(dir).href });
    try {
      await c.initialize();
      const uri = pathToFileURL(path.join(dir, 'main.tf')).href;
      const first = c.diagnosticsFor(uri, 1, 20000);
      c.open(uri, readFileSync(path.join(dir, 'main.tf'), 'utf8'), 'terraform');
      // alone: its locations are variables without values
      assert.deepEqual([...new Set((await first).diagnostics.map((d) => d.code))], ['unresolved-location']);
      mkdirSync(path.join(dir, 'examples/global'), { recursive: true });
      const example = path.join(dir, 'examples/global/main.tf');
      writeFileSync(example, readFileSync(path.join(src, 'examples/global/main.tf'), 'utf8'));
      const next = c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d) => d.code === 'managed-replication'), 20000);
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(example).href, type: 1 }] });
      const after = await next;
      assert.deepEqual(after.params.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`), ['11:26 managed-replication']);
    } finally {
      await c.shutdown();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the module opened first in a fresh server (before the HCL parser is loaded) is linted in its callers\' context', async () => {
  const folder = path.join(ROOT, 'test/lsp/fixtures/module-called-from-examples');
  const c = new LspClient({ rootUri: pathToFileURL(folder).href });
  try {
    await c.initialize();
    const uri = pathToFileURL(path.join(folder, 'main.tf')).href;
    const found = c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d) => d.code === 'managed-replication'), 20000);
    c.open(uri, readFileSync(path.join(folder, 'main.tf'), 'utf8'), 'terraform');
    const m = await found;
    assert.deepEqual(m.params.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`), ['11:26 managed-replication']);
  } finally {
    await c.shutdown();
  }
});

