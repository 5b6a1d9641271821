// The extension manifest and what the VSIX would contain (`vsce ls`, as `npm run package` packs it).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './client.mjs';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('manifest: narrow activation, untrusted workspaces, schemas, settings, icon', () => {
  assert.ok(!pkg.activationEvents.includes('*') && !pkg.activationEvents.includes('onStartupFinished'));
  assert.ok(pkg.activationEvents.includes('onLanguage:terraform') && pkg.activationEvents.includes('workspaceContains:**/*.dci.yaml'));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(pkg.main, './dist/extension.js');
  for (const v of pkg.contributes.yamlValidation) assert.ok(existsSync(path.join(ROOT, v.url)), v.url);
  assert.deepEqual(pkg.contributes.yamlValidation.map((v) => v.url), ['./schemas/topology.schema.json', './schemas/config.schema.json']);
  assert.deepEqual(Object.keys(pkg.contributes.configuration.properties).sort(), [
    'dciLint.codeLens.enable',
    'dciLint.enable',
    'dciLint.inlayHints.enable',
    'dciLint.rules.customizations',
    'dciLint.run',
    'dciLint.trace.server',
  ]);
  assert.equal(pkg.contributes.configuration.properties['dciLint.codeLens.enable'].default, false);
  const png = readFileSync(path.join(ROOT, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  assert.ok(pkg.contributes.commands.some((c) => c.command === 'dciLint.showDocumentation'));
});

test('the VSIX holds the bundles, wasm, rule docs, schemas and icon; no sources, tests or node_modules', () => {
  const files = execFileSync(path.join(ROOT, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const need of ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/server-bundle.js', 'dist/extension.web.js', 'dist/server.web.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm', 'schemas/topology.schema.json', 'schemas/config.schema.json', 'images/icon.png', 'docs/rules/vmotion-rtt.md']) {
    assert.ok(files.includes(need), `${need} in ${files.join(', ')}`);
  }
  const allowed =
    /^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.md)?|images\/icon\.png|images\/screenshots\/[\w-]+\.png|dist\/(extension|server)(\.web)?\.js|dist\/server-bundle\.js|dist\/[\w-]+\.wasm|data\/README\.md|docs\/rules\/[\w-]+\.md|docs\/(configuration|rtt-model|places|physics-and-limits)\.md|snippets\/[\w-]+\.code-snippets|schemas\/[\w-]+\.schema\.json)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
  // Every relative link of a shipped page points at a shipped page (the rule docs open from the VSIX).
  const broken = [];
  for (const f of files.filter((x) => x.endsWith('.md') && x.startsWith('docs/'))) {
    for (const m of readFileSync(path.join(ROOT, f), 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(m[1])) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]));
      const folder = m[1].endsWith('/') && files.some((x) => x.startsWith(target.replace(/\/?$/, '/')));
      if (!files.includes(target) && !folder) broken.push(`${f} -> ${m[1]}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('commands: every one contributed is titled under "DCI Lint", and the marketplace README is its own file', () => {
  const ids = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(ids, [
    'dciLint.lintWorkspace',
    'dciLint.newDesign',
    'dciLint.restartServer',
    'dciLint.showDocumentation',
    'dciLint.showMap',
    'dciLint.showMatrix',
    'dciLint.showOutput',
  ]);
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'DCI Lint');
  assert.match(pkg.scripts.package, /--readme-path docs\/marketplace\.md/);
  const readme = readFileSync(path.join(ROOT, 'docs/marketplace.md'), 'utf8');
  for (const c of pkg.contributes.commands) assert.ok(readme.includes(`DCI Lint: ${c.title}`), `the marketplace README lists "${c.title}"`);
  for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), `the marketplace README lists ${key}`);
  for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(existsSync(path.join(ROOT, m[1])), `image ${m[1]} exists`);
  const snippets = JSON.parse(readFileSync(path.join(ROOT, pkg.contributes.snippets[0].path), 'utf8'));
  assert.ok(Object.keys(snippets).length >= 8);
});
