// Protocol tests: the server survives every half-typed document, answers every request on it, and
// shuts down cleanly.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import { test } from 'node:test';
import { LspClient, positionAt, SERVER } from './client.mjs';

const files = ['examples/follow-the-sun.dci.yaml', 'test/lsp/fixtures/metro.dci.yaml'];

test('typing a design character by character: every request answers, no handler fails, the newest text wins', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    for (const file of files) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      const uri = `file:///tmp/dci-lsp-test/typing-${file.replace(/\W/g, '_')}.dci.yaml`;
      c.open(uri, '');
      let version = 1;
      // Every prefix in steps of 7 characters (every "keystroke" cuts a token in half somewhere).
      for (let end = 0; end <= text.length; end += 7) {
        const prefix = text.slice(0, end);
        c.change(uri, ++version, prefix);
        const pos = positionAt(prefix, Math.max(0, end - 1));
        const whole = { start: { line: 0, character: 0 }, end: positionAt(prefix, prefix.length) };
        const answers = await Promise.all([
          c.request('textDocument/hover', { textDocument: { uri }, position: pos }),
          c.request('textDocument/completion', { textDocument: { uri }, position: positionAt(prefix, prefix.length) }),
          c.request('textDocument/inlayHint', { textDocument: { uri }, range: whole }),
          c.request('textDocument/documentSymbol', { textDocument: { uri } }),
          c.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } }),
          c.request('textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration: true } }),
        ]);
        assert.ok(Array.isArray(answers[2]) && Array.isArray(answers[3]), `answers at ${end}`);
      }
      c.change(uri, ++version, text);
      const last = await c.diagnosticsFor(uri, version);
      assert.ok(last.diagnostics.length >= 3, 'the final text gets its findings');
      assert.ok(!last.diagnostics.some((d) => d.code === 'syntax'), 'no stale syntax error from a half-typed version');
    }
    assert.equal(c.stderr, '');
    const { exit } = await c.shutdown();
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.ok(!c.notifications.some((m) => m.method === 'window/logMessage' && m.params.type === 1), c.notifications.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message).join('\n'));
  } finally {
    c.kill();
  }
});

test('hostile input: binary junk, an alias bomb and a huge file give diagnostics, not a hang', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    const bomb = ['dci: 1', 'a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), 'sites: *j'].join('\n');
    c.open('file:///tmp/dci-lsp-test/bomb.dci.yaml', bomb);
    const b = await c.diagnosticsFor('file:///tmp/dci-lsp-test/bomb.dci.yaml');
    assert.ok(b.diagnostics.some((d) => d.code === 'syntax' && /alias/i.test(d.message)), JSON.stringify(b.diagnostics));
    c.open('file:///tmp/dci-lsp-test/junk.dci.yaml', '\u0000\u0001dci: 1\n\t- [ { : ] }\n\uFFFF');
    const j = await c.diagnosticsFor('file:///tmp/dci-lsp-test/junk.dci.yaml');
    assert.ok(j.diagnostics.length > 0 && j.diagnostics.every((d) => d.source === 'dci-lint'));
    const huge = `dci: 1\nsites:\n${'  # padding\n'.repeat(200_000)}`;
    const t0 = Date.now();
    c.open('file:///tmp/dci-lsp-test/huge.dci.yaml', huge);
    const h = await c.diagnosticsFor('file:///tmp/dci-lsp-test/huge.dci.yaml');
    assert.ok(Date.now() - t0 < 5000);
    assert.deepEqual(h.diagnostics.map((d) => [d.code, d.severity]), [['syntax', 2]]);
    assert.match(h.diagnostics[0].message, /above the 2\.0 MB analysis cap/);
  } finally {
    c.kill();
  }
});

test('exit without shutdown ends the server with code 1 (LSP)', async () => {
  const c = new LspClient();
  await c.initialize();
  c.notify('exit', null);
  assert.deepEqual(await c.exited, { code: 1, signal: null });
});

test('requests on unknown documents answer empty, not with an error', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    const textDocument = { uri: 'file:///nowhere/none.dci.yaml' };
    const position = { line: 0, character: 0 };
    assert.equal(await c.request('textDocument/hover', { textDocument, position }), null);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(await c.request('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }), []);
    assert.equal((await c.shutdown()).result, null);
  } finally {
    c.kill();
  }
});

test('IPC transport (what the VS Code client uses): initialize, shutdown, exit', async () => {
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const replies = new Map();
  child.on('message', (m) => m.id !== undefined && replies.get(m.id)?.(m));
  const request = (id, method, params) =>
    new Promise((resolve) => {
      replies.set(id, resolve);
      child.send({ jsonrpc: '2.0', id, method, params });
    });
  const init = await request(1, 'initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  assert.equal(init.result.serverInfo.name, 'dci-lint');
  assert.equal(init.result.capabilities.diagnosticProvider, undefined, 'no pull diagnostics for a client that does not pull');
  child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  assert.equal((await request(2, 'shutdown', null)).result, null);
  child.send({ jsonrpc: '2.0', method: 'exit' });
  assert.equal(await exited, 0);
});

test('the editor going away (stdin closed, no exit) does not leave the server running', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    c.proc.stdin.end();
    const r = await Promise.race([c.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 5000))]);
    assert.notEqual(r, 'still running');
  } finally {
    c.kill();
  }
});
