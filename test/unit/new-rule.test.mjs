// scripts/new-rule.mjs on a copy of the repository: the rule it writes compiles (tsc --strict) and is in
// the registry of the built core, and the fixture and docs tests catch every piece left unwritten or
// forgotten (the skeleton reports nothing; a missing page, a missing clean fixture, a missing registry line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addToRegistry, scaffold } from '../../scripts/new-rule.mjs';
import { landDataPlugin, schemaValidatorsPlugin } from '../../scripts/esbuild-plugins.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ID = 'scaffold-probe';
const COPY = [
  'server/src',
  'client/src',
  'schemas',
  'docs/rules',
  'docs/configuration.md',
  'docs/rtt-model.md',
  'test/fixtures/rules',
  'test/helpers',
  'test/unit/fixtures.test.mjs',
  'test/unit/docs.test.mjs',
  'tsconfig.json',
  'package.json',
];

function copyRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'dci-new-rule-'));
  for (const p of COPY) cpSync(join(root, p), join(dir, p), { recursive: true });
  symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
  cpSync(join(root, 'dist', 'tree-sitter.wasm'), join(dir, 'dist', 'tree-sitter.wasm'));
  cpSync(join(root, 'dist', 'tree-sitter-terraform.wasm'), join(dir, 'dist', 'tree-sitter-terraform.wasm'));
  return dir;
}

/** Bundles the copy's core as build.mjs does (its schema validators compiled from its schemas), into its dist/core.js. */
async function buildCore(dir) {
  const esbuild = createRequire(join(root, 'package.json'))('esbuild');
  await esbuild.build({
    entryPoints: [join(dir, 'server/src/core/index.ts')],
    outfile: join(dir, 'dist/core.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [schemaValidatorsPlugin(dir), landDataPlugin()],
  });
}

/** node --test on the copy's fixture and docs tests, limited to the probe rule and the registry-wide checks. */
function runTests(dir) {
  // NODE_TEST_CONTEXT would make the child skip its files (a test run inside a test run)
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      '--test-name-pattern',
      `${ID}|every rule has|every page in docs`,
      'test/unit/fixtures.test.mjs',
      'test/unit/docs.test.mjs',
    ],
    { cwd: dir, encoding: 'utf8', timeout: 120_000, env },
  );
  return { ok: r.status === 0, out: r.stdout + r.stderr };
}

test('addToRegistry: the import in path order, the rule listed last', () => {
  const src =
    "import { a } from './a';\nimport type { Rule } from './types';\nimport { z } from './z';\n\nexport const RULES: readonly Rule[] = [\n  a,\n  z,\n];\n";
  assert.equal(
    addToRegistry(src, 'm-rule'),
    "import { a } from './a';\nimport { mRule } from './m-rule';\nimport type { Rule } from './types';\nimport { z } from './z';\n\nexport const RULES: readonly Rule[] = [\n  a,\n  z,\n  mRule,\n];\n",
  );
});

test('refuses a bad id and an existing rule, and writes nothing then', () => {
  assert.throws(() => scaffold('Not_Kebab', root), /kebab-case/);
  assert.throws(() => scaffold('vmotion-rtt', root), /exists already/);
});

test('the scaffold on a copy of the repository: compiles, registers, and every forgotten piece fails a test', { timeout: 300_000 }, async (t) => {
  const dir = copyRepo();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const written = scaffold(ID, dir);
  assert.deepEqual(written.sort(), [
    `docs/rules/${ID}.md`,
    'server/src/core/rules/index.ts',
    `server/src/core/rules/${ID}.ts`,
    `test/fixtures/rules/${ID}/clean.dci.yaml`,
    `test/fixtures/rules/${ID}/fires.dci.yaml`,
  ]);

  await t.test('the generated rule and the registry type-check (tsc, the project options)', () => {
    // the rules folder and what it imports: the project's options, at a third of the whole check's cost
    writeFileSync(join(dir, 'tsconfig.rules.json'), JSON.stringify({ extends: './tsconfig.json', include: ['server/src/core/rules'] }));
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.rules.json')], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  await buildCore(dir);
  const core = createRequire(join(dir, 'package.json'))('./dist/core.js');

  await t.test('it is in the registry, with the metadata the docs and the CLI read', () => {
    const rule = core.RULES_BY_ID.get(ID);
    assert.ok(rule, 'registered');
    assert.equal(rule.meta.defaultSeverity, 'warning');
    assert.equal(core.RULES.at(-1), rule);
  });

  await t.test('the untouched skeleton fails: its fires fixture and its docs example do not fire', () => {
    const { ok, out } = runTests(dir);
    assert.equal(ok, false);
    assert.match(out, new RegExp(`${ID}/fires\\.dci\\.yaml[\\s\\S]*missing: \\[".* warning ${ID}"\\]`));
    assert.match(out, new RegExp(`the example does not fire ${ID}`));
  });

  await t.test('a forgotten docs page or clean fixture is named', () => {
    rmSync(join(dir, 'docs/rules', `${ID}.md`));
    rmSync(join(dir, 'test/fixtures/rules', ID, 'clean.dci.yaml'));
    const { out } = runTests(dir);
    assert.match(out, new RegExp(`docs/rules/${ID}\\.md is missing`));
    assert.match(out, new RegExp(`${ID} has no clean fixture`));
  });

  await t.test('a forgotten registry line is named (the page and fixtures belong to no rule)', async () => {
    writeFileSync(join(dir, 'docs/rules', `${ID}.md`), readFileSync(join(root, 'docs/rules/duplicate-site.md'), 'utf8'));
    const registry = join(dir, 'server/src/core/rules/index.ts');
    writeFileSync(registry, readFileSync(join(root, 'server/src/core/rules/index.ts'), 'utf8'));
    await buildCore(dir);
    const { ok, out } = runTests(dir);
    assert.equal(ok, false);
    assert.match(out, new RegExp(`['"]${ID}\\.md['"]`), 'the stray page');
    assert.match(out, new RegExp(`${ID}/fires\\.dci\\.yaml`), 'the fixture that expects a finding no rule gives');
  });
});
