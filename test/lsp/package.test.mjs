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
  for (const need of ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/extension.web.js', 'dist/server.web.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm', 'schemas/topology.schema.json', 'schemas/config.schema.json', 'images/icon.png', 'docs/rules/vmotion-rtt.md']) {
    assert.ok(files.includes(need), `${need} in ${files.join(', ')}`);
  }
  const allowed = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE(\.md)?|images\/icon\.png|dist\/(extension|server)(\.web)?\.js|dist\/[\w-]+\.wasm|docs\/rules\/[\w-]+\.md|schemas\/[\w-]+\.schema\.json)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
});
