// Large topology documents and Terraform modules are analysed in a worker thread (server/src/lsp/analysisWorker.ts, issue 13):
// the findings are the same as on the main thread, a hover on another document is answered while a large
// design is analysed, a newer version supersedes the analysis of the older one, and closing a document
// under analysis leaves the server well.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LspClient, ROOT, uriOf } from './client.mjs';

/** A design of `n` sites (about 110 bytes each with its link) over Europe: 3,000 sites is about 330 KB. */
function largeDesign(n, latShift = 0) {
  const lines = ['dci: 1', 'name: large', 'sites:'];
  for (let i = 0; i < n; i++) {
    const lat = (40 + (i % 50) * 0.3 + latShift).toFixed(4);
    const lon = (-5 + Math.floor(i / 50) * 0.4).toFixed(4);
    lines.push(`  s${i}:`, `    location: { lat: ${lat}, lon: ${lon} }`);
  }
  lines.push('links:');
  for (let i = 1; i < n; i++) lines.push(`  - between: [s${i - 1}, s${i}]`, '    bandwidth_mbps: 10000');
  lines.push('segments:', '  - name: far', '    vlan: 10', `    sites: [s0, s${n - 1}]`);
  return lines.join('\n') + '\n';
}

const norm = (diags) => diags.map((d) => JSON.stringify([d.range, d.severity, d.code, d.message, d.relatedInformation ?? [], d.data ?? null])).sort();

const FIXTURES = 'test/fixtures/rules';
const fixtureFiles = readdirSync(path.join(ROOT, FIXTURES))
  .flatMap((dir) => readdirSync(path.join(ROOT, FIXTURES, dir)).map((n) => `${FIXTURES}/${dir}/${n}`))
  .filter((f) => f.endsWith('.dci.yaml'))
  .sort();

let inWorker;
let inThread;
before(async () => {
  // 0: every topology document goes to the worker; 1e12: none does.
  inWorker = new LspClient({ env: { DCI_LINT_WORKER_MIN_CHARS: '0' } });
  inThread = new LspClient({ env: { DCI_LINT_WORKER_MIN_CHARS: '1000000000000' } });
  await Promise.all([inWorker.initialize(), inThread.initialize()]);
});
after(async () => {
  await Promise.all([inWorker.shutdown(), inThread.shutdown()]);
});

test('every rule fixture has the same diagnostics analysed in the worker as in the main thread', async () => {
  assert.ok(fixtureFiles.length > 40, `${fixtureFiles.length} fixtures`);
  for (const file of fixtureFiles) {
    const [a, b] = await Promise.all(
      [inWorker, inThread].map((c) => {
        const wait = c.diagnosticsFor(uriOf(file), 1, 30000);
        c.openFile(file);
        return wait;
      }),
    );
    assert.deepEqual(norm(a.diagnostics), norm(b.diagnostics), file);
  }
});

test('every Terraform module fixture has the same diagnostics analysed in the worker as in the main thread', async () => {
  const dir = 'test/fixtures/terraform';
  const treeFiles = (d) =>
    readdirSync(path.join(ROOT, d))
      .sort()
      .flatMap((n) => {
        const rel = `${d}/${n}`;
        return statSync(path.join(ROOT, rel)).isDirectory() ? treeFiles(rel) : /\.(tf|tf\.json|tfvars)$/.test(n) ? [rel] : [];
      });
  let compared = 0;
  for (const name of readdirSync(path.join(ROOT, dir)).filter((n) => !n.startsWith('plan-'))) {
    for (const file of treeFiles(`${dir}/${name}`)) {
      const [a, b] = await Promise.all(
        [inWorker, inThread].map(async (c) => {
          const { uri } = c.openFile(file, file.endsWith('.json') ? 'json' : 'terraform');
          const p = await c.diagnosticsFor(uri, undefined, 30000);
          c.notify('textDocument/didClose', { textDocument: { uri } });
          return p;
        }),
      );
      assert.deepEqual(norm(a.diagnostics), norm(b.diagnostics), file);
      compared += a.diagnostics.length;
    }
  }
  assert.ok(compared >= 30, `compared ${compared} diagnostics`);
});

test('hovers, quick fixes and inlay hints work on a document analysed in the worker', async () => {
  const file = 'examples/follow-the-sun.dci.yaml';
  const uri = uriOf(file);
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  await Promise.all([inWorker, inThread].map((c) => (c.open(uri, text), c.diagnosticsFor(uri, 1, 30000))));
  // Asked at once: the worker sends the findings (published) before the design and its rows, and a hover
  // must wait for those rather than answer from the findings alone.
  const line = text.split('\n').findIndex((l) => /^ {2}fra1:/.test(l));
  assert.ok(line > 0);
  const position = { line, character: 3 };
  const [h1, h2] = await Promise.all([inWorker, inThread].map((c) => c.request('textDocument/hover', { textDocument: { uri }, position })));
  assert.match(h1.contents.value, /fra1/);
  assert.deepEqual(h1, h2);
  const range = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
  const [x1, x2] = await Promise.all([inWorker, inThread].map((c) => c.request('textDocument/inlayHint', { textDocument: { uri }, range })));
  assert.ok(x1.length > 0);
  assert.deepEqual(x1, x2);
  const diags = inThread.latest.get(uri).diagnostics;
  const [a1, a2] = await Promise.all(
    [inWorker, inThread].map((c) =>
      c.request('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: [diags[0]] } }),
    ),
  );
  assert.ok(a1.length > 0);
  assert.deepEqual(a1, a2);
});

test('a hover on a small design is answered while the worker analyses a large one (default threshold)', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    const small = c.openFile('examples/metro-vsan.dci.yaml');
    await c.diagnosticsFor(small.uri, 1, 30000);
    const line = small.text.split('\n').findIndex((l) => /^ {2}ams1:/.test(l));
    const large = largeDesign(6000);
    assert.ok(large.length > 600_000, `${large.length} characters`);
    const uri = uriOf('test-artifacts/worker-large.dci.yaml');
    let largeAt = 0;
    const diagnostics = c.diagnosticsFor(uri, 1, 120000).then((p) => ((largeAt = performance.now()), p));
    c.open(uri, large);
    // Let the server read the 700 KB message and start the analysis.
    await new Promise((r) => setTimeout(r, 200));
    const hover = await c.request('textDocument/hover', { textDocument: { uri: small.uri }, position: { line, character: 3 } }, 60000);
    const hoverAt = performance.now();
    assert.match(hover.contents.value, /ams1/);
    const published = await diagnostics;
    assert.ok(hoverAt < largeAt, 'the hover waited for the analysis of the large design');
    // The large design was analysed: its stretched segment spans about 2,000 km.
    assert.ok(
      published.diagnostics.some((d) => d.code === 'stretched-l2-distance'),
      JSON.stringify(published.diagnostics.map((d) => d.code)),
    );
  } finally {
    await c.shutdown();
  }
});

test('a newer version supersedes the analysis of the older one; closing a document under analysis is harmless', async () => {
  const c = new LspClient();
  try {
    await c.initialize();
    const uri = uriOf('test-artifacts/worker-versions.dci.yaml');
    c.open(uri, largeDesign(5000));
    await new Promise((r) => setTimeout(r, 100));
    c.change(uri, 2, largeDesign(5000, 0.5));
    const v2 = await c.diagnosticsFor(uri, 2, 120000);
    assert.ok(v2.diagnostics.some((d) => d.code === 'stretched-l2-distance'));
    const published = c.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri).map((m) => m.params.version);
    assert.deepEqual(published, [2], 'only the newest version is published');
    // Closed while under analysis: the server publishes nothing stale and goes on answering.
    const uri2 = uriOf('test-artifacts/worker-closed.dci.yaml');
    c.open(uri2, largeDesign(5000));
    await new Promise((r) => setTimeout(r, 100));
    c.notify('textDocument/didClose', { textDocument: { uri: uri2 } });
    const cleared = await c.diagnosticsFor(uri2, undefined, 30000);
    assert.deepEqual(cleared.diagnostics, []);
    const small = c.openFile('examples/metro-vsan.dci.yaml');
    const d = await c.diagnosticsFor(small.uri, 1, 60000);
    assert.ok(Array.isArray(d.diagnostics));
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!c.notifications.some((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri2 && m.params.diagnostics.length > 0));
  } finally {
    await c.shutdown();
  }
});

/** Threads of the server process (Linux): the analysis worker is one of them. */
function threadsOf(client) {
  return readdirSync(`/proc/${client.proc.pid}/task`).length;
}
const logs = (client) => client.notifications.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message);

test(
  'the worker started with the server analyses the first large design (no second worker)',
  { skip: process.platform !== 'linux' && 'reads /proc' },
  async () => {
    const c = new LspClient({ env: { DCI_LINT_WORKER_MIN_CHARS: '0' } });
    try {
      await c.initialize();
      // said after `initialized`
      for (let i = 0; i < 100 && !logs(c).some((m) => /analysis worker started with the server/.test(m)); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(
        logs(c).some((m) => /analysis worker started with the server/.test(m)),
        logs(c).join('\n'),
      );
      // let the worker finish starting (its thread exists from the start; give its bundle time to load)
      await new Promise((r) => setTimeout(r, 500));
      const before = threadsOf(c);
      const file = fixtureFiles[0];
      const wait = c.diagnosticsFor(uriOf(file), 1, 30000);
      c.openFile(file);
      const published = await wait;
      const inMain = await (async () => {
        const w = inThread.diagnosticsFor(uriOf(file), 2, 30000);
        inThread.notify('textDocument/didChange', {
          textDocument: { uri: uriOf(file), version: 2 },
          contentChanges: [{ text: readFileSync(path.join(ROOT, file), 'utf8') }],
        });
        return w;
      })();
      assert.deepEqual(norm(published.diagnostics), norm(inMain.diagnostics), file);
      // A new worker is one more thread; libuv's pool, should the server start it meanwhile, four.
    const added = threadsOf(c) - before;
    assert.ok(added % 4 === 0, `${added} more threads: a second worker was started, the one started ahead was not used`);
    } finally {
      await c.shutdown();
    }
  },
);

test('unused, the worker started with the server stops after DCI_LINT_WORKER_AHEAD_MS; the next large design starts one', async () => {
  const c = new LspClient({ env: { DCI_LINT_WORKER_MIN_CHARS: '0', DCI_LINT_WORKER_AHEAD_MS: '300' } });
  const none = new LspClient({ env: { DCI_LINT_WORKER_AHEAD_MS: '0' } });
  try {
    await Promise.all([c.initialize(), none.initialize()]);
    await c.waitFor((m) => m.method === 'window/logMessage' && /analysis worker stopped: no large design in the first 0.3 s/.test(m.params.message), 10000);
    const file = fixtureFiles[1];
    const wait = c.diagnosticsFor(uriOf(file), 1, 30000);
    c.openFile(file);
    const published = await wait;
    assert.ok(published.diagnostics.length > 0, file);
    assert.ok(logs(none).length > 0 && !logs(none).some((m) => /analysis worker started/.test(m)), logs(none).join('\n'));
  } finally {
    await Promise.all([c.shutdown(), none.shutdown()]);
  }
});
