// One definition of which files are ours (server/src/core/files.ts), used by the CLI's discovery, the
// server and the VS Code client. These tests pin the kinds to Terraform's documented file rules and check
// that the client's watchers, document selector and the manifest's activation events come from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '../..');
const core = createRequire(import.meta.url)(join(ROOT, 'dist/core.js'));
const plan = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.8', planned_values: { root_module: {} } });

test('file kinds follow Terraform: .tf and .tf.json, tfvars (JSON too), overrides, plans by shape', () => {
  const kinds = {
    'main.tf': 'terraform',
    'cdk.tf.json': 'terraform',
    'override.tf': 'terraform',
    'mesh_override.tf.json': 'terraform',
    'terraform.tfvars': 'terraform-vars',
    'terraform.tfvars.json': 'terraform-vars',
    'prod.auto.tfvars.json': 'terraform-vars',
    'a.dci.yaml': 'topology',
    'b.dci.yml': 'topology',
    '.dci-lint.yaml': 'config',
    '.dci-lint.yml': 'config',
    'file:///w/x/main.tf': 'terraform',
    'C:\\w\\x\\cloud.tf.json': 'terraform',
  };
  for (const [name, kind] of Object.entries(kinds)) assert.equal(core.fileKind(name), kind, name);
  assert.equal(core.fileKind('design.yaml', 'dci: 1\nsites: {}\n'), 'topology');
  assert.equal(core.fileKind('values.yaml', 'replicas: 1\n'), undefined);
  assert.equal(core.fileKind('plan.json', plan), 'plan');
  assert.equal(core.fileKind('package.json', '{"name": "x", "format_version": 1}'), undefined);
  assert.equal(core.fileKind('main.tf.bak'), undefined);
  assert.deepEqual(['override.tf', 'x_override.tf', 'override.tf.json', 'x_override.tf.json', 'override_x.tf', 'main.tf'].map(core.isOverrideFile), [true, true, true, true, false, false]);
  assert.deepEqual(['terraform.tfvars', 'terraform.tfvars.json', 'a.auto.tfvars', 'a.auto.tfvars.json', 'prod.tfvars'].map(core.autoLoadRank), [0, 1, 2, 2, undefined]);
});

/** VS Code glob (the subset we use: **, *, {a,b}) as a regular expression. */
function globRe(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '(?:.*/)?';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, end).split(',').map((x) => x.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\?]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const samples = ['w/main.tf', 'w/cdk.tf.json', 'w/terraform.tfvars', 'w/prod.auto.tfvars.json', 'w/a.dci.yaml', 'w/b.dci.yml', 'w/.dci-lint.yaml', 'w/.dci-lint.yml', 'w/plan.json', 'w/tfplan.json'];

test('the client watches, and sends to the server, every file kind of the core', () => {
  const src = readFileSync(join(ROOT, 'client/src/extension.ts'), 'utf8');
  assert.match(src, /from '\.\.\/\.\.\/server\/src\/core\/files'/);
  assert.match(src, /WATCH_GLOBS\.map\(/);
  assert.match(src, /DOCUMENT_PATTERNS\.map\(/);
  assert.doesNotMatch(src, /['"]\*\*\/\*\.[a-z]/, 'no glob written in the client: they come from the core');
  // the bundle carries the core's lists
  const bundle = readFileSync(join(ROOT, 'dist/extension.js'), 'utf8');
  for (const g of core.WATCH_GLOBS) assert.ok(bundle.includes(JSON.stringify(g)) || bundle.includes(`'${g}'`), g);
  for (const s of samples) {
    const kind = core.fileKind(s, s.endsWith('plan.json') ? plan : undefined);
    assert.ok(kind, s);
    assert.ok(core.WATCH_GLOBS.some((g) => globRe(g).test(s)), `watched: ${s}`);
    if (kind === 'terraform' || kind === 'terraform-vars' || kind === 'plan') assert.ok(core.DOCUMENT_PATTERNS.some((g) => globRe(g).test(s)), `sent to the server: ${s}`);
  }
  // and nothing the core does not know is watched
  for (const g of core.WATCH_GLOBS) assert.ok(samples.some((s) => globRe(g).test(s)), `${g} matches a known kind`);
});

test('package.json activation events are the core ACTIVATION_GLOBS', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const contains = pkg.activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
  assert.deepEqual([...contains].sort(), [...core.ACTIVATION_GLOBS].sort());
  for (const s of samples.filter((x) => !/plan\.json$|tfvars/.test(x))) assert.ok(core.ACTIVATION_GLOBS.some((g) => globRe(g).test(s)), `activates on ${s}`);
});
