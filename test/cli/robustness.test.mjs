// Issue 11 at the CLI level: inputs that broke peers' tools, through the built dist/cli.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const repo = new URL('../../', import.meta.url).pathname;
const cli = join(process.env.DCI_LINT_DIST ?? join(repo, 'dist'), 'cli.js');

function run(args, cwd = repo) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(files) {
  const dir = mkdtempSync(join(tmpdir(), 'dci-robust-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

// vmotion-rtt sits on line 1 (a flow document), so a column shift by the BOM would show.
const ONE_LINE = 'dci: 1\nsites: {fra: {location: [50.11, 8.68]}, syd: {location: [-33.87, 151.21]}}\n';
const LINE_ONE = '{dci: 1, sites: {fra: {location: [50.11, 8.68]}, syd: {location: [-33.87, 151.21]}}, migrations: [{method: vmotion, path: [fra, syd]}]}\n';

const positions = (out) => JSON.parse(out).flatMap((r) => r.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`));

test('kind 1: a UTF-8 BOM before `dci: 1` is a topology, named alone (was exit 2, "no topology found")', () => {
  const dir = tmp({ 'plain.yaml': `\uFEFF${ONE_LINE}migrations: [{method: vmotion, path: [fra, syd]}]\n` });
  const r = run(['plain.yaml', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(positions(r.out), ['vmotion-rtt 3:39-3:47']);
});

test('kind 1: findings on line 1 of a file with a BOM have the columns of the same file without it', () => {
  const dir = tmp({ 'with.dci.yaml': `\uFEFF${LINE_ONE}`, 'without.dci.yaml': LINE_ONE, 'tf/main.tf': '\uFEFFresource "azurerm_resource_group" "x" { location = "nowhere" }\n', 'tf2/main.tf': 'resource "azurerm_resource_group" "x" { location = "nowhere" }\n' });
  const [withBom, withoutBom] = ['with.dci.yaml', 'without.dci.yaml'].map((f) => positions(run([f, '--format', 'json'], dir).out));
  assert.deepEqual(withBom, withoutBom);
  assert.ok(withBom.some((p) => p.startsWith('vmotion-rtt 1:')), withBom.join(', '));
  const [tfBom, tf] = ['tf', 'tf2'].map((f) => positions(run([f, '--format', 'json'], dir).out));
  assert.deepEqual(tfBom, tf);
  assert.ok(tf.some((p) => p.startsWith('unknown-region 1:')), tf.join(', '));
});

test('kind 1: a .dci-lint.yaml with a BOM is read', () => {
  const dir = tmp({ '.dci-lint.yaml': '\uFEFFrules:\n  vmotion-rtt: off\n', 'd.dci.yaml': LINE_ONE });
  const r = run(['d.dci.yaml', '--format', 'json'], dir);
  assert.equal(r.code, 0, r.out + r.err);
});

test('kind 4: a directive inside a YAML block scalar or a Terraform heredoc suppresses nothing', () => {
  const dir = tmp({
    'd.dci.yaml': `dci: 1\nname: |\n  # dci-lint-ignore-file: vmotion-rtt\n${ONE_LINE.slice(7)}migrations: [{method: vmotion, path: [fra, syd]}]\n`,
    'tf/main.tf': 'locals {\n  x = <<EOT\n# dci-lint-ignore-file\nEOT\n}\nresource "azurerm_resource_group" "x" {\n  location = "nowhere"\n}\n',
  });
  const r = run(['.', '--format', 'json'], dir);
  const found = JSON.parse(r.out).flatMap((f) => f.findings.filter((x) => !x.suppressed).map((x) => x.ruleId));
  assert.deepEqual(found.sort(), ['unknown-region', 'vmotion-rtt']);
});
