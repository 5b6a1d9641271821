// Issue 11 through the server over stdio: paths with `#`/`?`, discarded config edits, no workspace
// folder, merge keys in the editor, and the protocol after `shutdown`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { LspClient, posOf } from './client.mjs';

const { URI } = createRequire(import.meta.url)('vscode-uri');
/** URIs as VS Code sends them. */
const uriOf = (p) => URI.file(p).toString();

const DESIGN = `dci: 1
sites:
  fra: {location: [50.11, 8.68]}
  syd: {location: [-33.87, 151.21]}
migrations:
  - {method: vmotion, path: [fra, syd]}
`;

function tmp(files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dci-lsp-robust-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const codes = (p) => p.diagnostics.map((d) => `${d.code}:${d.severity}`).sort();

test('kind 6: designs in folders named `dc#2`, `a?b` and `é x` are linted, with their .dci-lint.yaml', async () => {
  const names = ['dc#2', 'a?b', 'é x'];
  const files = {};
  // Without `dci: 1`: the file name alone makes it a design (the old code cut the path at `#`/`?`).
  const design = DESIGN.replace('dci: 1\n', '');
  const tf = 'resource "azurerm_resource_group" "x" {\n  location = "nowhere"\n}\n';
  for (const n of names) {
    files[`${n}/x.dci.yaml`] = design;
    files[`${n}/main.tf`] = tf;
    files[`${n}/.dci-lint.yaml`] = 'rules:\n  vmotion-rtt: warning\n';
  }
  const dir = tmp(files);
  const c = new LspClient({ rootUri: uriOf(dir) });
  try {
    await c.initialize();
    for (const n of names) {
      const uri = uriOf(path.join(dir, n, 'x.dci.yaml'));
      c.open(uri, design);
      assert.deepEqual(codes(await c.diagnosticsFor(uri)), ['vmotion-rtt:2'], `${n}: ${uri}`);
      const tfUri = uriOf(path.join(dir, n, 'main.tf'));
      c.open(tfUri, tf, 'terraform');
      assert.deepEqual(codes(await c.diagnosticsFor(tfUri)), ['unknown-region:1'], `${n}: ${tfUri}`);
    }
  } finally {
    c.kill();
  }
});

test('kind 7: a .dci-lint.yaml closed without saving stops applying; designs are judged by the file on disk', async () => {
  const dir = tmp({ 'x.dci.yaml': DESIGN, '.dci-lint.yaml': 'rules:\n  vmotion-rtt: warning\n' });
  const c = new LspClient({ rootUri: uriOf(dir) });
  try {
    await c.initialize();
    const design = uriOf(path.join(dir, 'x.dci.yaml'));
    const config = uriOf(path.join(dir, '.dci-lint.yaml'));
    c.open(design, DESIGN);
    assert.deepEqual(codes(await c.diagnosticsUntil(design, (d) => d.length > 0)), ['vmotion-rtt:2']);
    c.open(config, 'rules:\n  vmotion-rtt: warning\n');
    c.change(config, 2, 'rules:\n  vmotion-rtt: off\n');
    await c.diagnosticsUntil(design, (d) => d.length === 0);
    c.notify('textDocument/didClose', { textDocument: { uri: config } });
    assert.deepEqual(codes(await c.diagnosticsUntil(design, (d) => d.length > 0)), ['vmotion-rtt:2']);
  } finally {
    c.kill();
  }
});

test('kind 8: with no workspace folder open, the .dci-lint.yaml beside the file applies (as in the CLI)', async () => {
  const dir = tmp({ 'sub/x.dci.yaml': DESIGN, '.dci-lint.yaml': 'rules:\n  vmotion-rtt: warning\n' });
  const c = new LspClient({ rootUri: null });
  try {
    await c.initialize();
    const uri = uriOf(path.join(dir, 'sub/x.dci.yaml'));
    c.open(uri, DESIGN);
    assert.deepEqual(codes(await c.diagnosticsFor(uri)), ['vmotion-rtt:2']);
  } finally {
    c.kill();
  }
});

test('kind 2: merge keys in the editor: the merged finding at the element, hover and quick fixes answer', async () => {
  const text = `dci: 1
sites:
  fra: {location: [50.11, 8.68]}
  syd: {location: [-33.87, 151.21]}
migrations:
  - &live
    method: vmotion
    path: [fra, fra]
  - <<: *live
    path: [fra, syd]
`;
  const c = new LspClient();
  try {
    await c.initialize();
    const uri = 'file:///tmp/dci-lsp-robust/merge.dci.yaml';
    c.open(uri, text);
    const p = await c.diagnosticsFor(uri);
    assert.deepEqual(codes(p), ['vmotion-rtt:1'], JSON.stringify(p.diagnostics.map((d) => d.message)));
    const d = p.diagnostics[0];
    assert.equal(d.range.start.line, 9, 'on the merging element (its `path`)');
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.ok(actions.some((a) => /Disable vmotion-rtt/.test(a.title)), actions.map((a) => a.title).join(', '));
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: posOf(text, 'syd]', 0, 1) });
    assert.ok(hover && /syd/.test(JSON.stringify(hover.contents)), JSON.stringify(hover));
  } finally {
    c.kill();
  }
});

test('kind 10: requests after shutdown fail with InvalidRequest; exit after shutdown exits 0', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    const uri = 'file:///tmp/dci-lsp-robust/after.dci.yaml';
    c.open(uri, DESIGN);
    await c.diagnosticsFor(uri);
    assert.equal(await c.request('shutdown', null), null);
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 3 } }],
    ]) {
      await assert.rejects(c.request(method, params), (e) => e.code === -32600, method);
    }
    c.notify('exit', null);
    assert.deepEqual(await c.exited, { code: 0, signal: null });
  } finally {
    c.kill();
  }
});
