// The running language server under mutated text, resource bombs and editor races. After every input
// it still answers; every published range lies inside the document; nothing stale is ever published.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { LspClient } from '../lsp/client.mjs';
import { applyAll, lspRangeProblems, mutationsArb, SEED, show, yamlCorpus } from './helpers/mutate.mjs';
import { bigDesign, BOMBS, slowDesign } from './helpers/bombs.mjs';

const YAML = yamlCorpus();
const RUNS = 60;
let c;
/** every publishDiagnostics, in arrival order */
const published = [];

before(async () => {
  c = new LspClient();
  await c.initialize();
  const onMessage = c.onMessage.bind(c);
  c.onMessage = (msg) => {
    if (msg.method === 'textDocument/publishDiagnostics') published.push({ ...msg.params, at: Date.now() });
    onMessage(msg);
  };
});

after(async () => {
  await c.shutdown();
});

const uri = (name) => `file:///tmp/dci-hardening/${name}.dci.yaml`;
const pubs = (u) => published.filter((p) => p.uri === u);

async function answers(u, text) {
  const symbols = await c.request('textDocument/documentSymbol', { textDocument: { uri: u } }, 20_000);
  assert.ok(Array.isArray(symbols), `documentSymbol answers on ${show(text)}`);
  await c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 2 } }, 20_000);
}

test(`didOpen/didChange with mutated text: diagnostics inside the lines, every request answers (${RUNS} documents)`, { timeout: 120_000 }, async () => {
  const cases = fc.sample(fc.tuple(fc.constantFrom(...YAML), mutationsArb, mutationsArb), { numRuns: RUNS, seed: SEED });
  let i = 0;
  for (const [doc, ms, more] of cases) {
    const u = uri(`fuzz-${i++}`);
    const first = applyAll(doc.text, ms);
    const second = applyAll(first, more);
    const d1 = c.diagnosticsFor(u, 1, 20_000);
    c.open(u, first);
    await answers(u, first);
    assert.deepEqual(lspRangeProblems((await d1).diagnostics, first), [], show(first));
    const d2 = c.diagnosticsFor(u, 2, 20_000);
    c.change(u, 2, second);
    await answers(u, second);
    assert.deepEqual(lspRangeProblems((await d2).diagnostics, second), [], show(second));
    c.notify('textDocument/didClose', { textDocument: { uri: u } });
  }
});

test('resource bombs: each gets its diagnostic, and a small document opened beside it gets its own promptly', { timeout: 120_000 }, async (t) => {
  const small =
    'dci: 1\nsites:\n  fra: {location: [50.11, 8.68]}\n  syd: {location: [-33.87, 151.21]}\nmigrations:\n  - method: vmotion\n    path: [fra, syd]\n';
  for (const bomb of BOMBS.filter((b) => b.server)) {
    const bu = uri(`bomb-${bomb.name}`);
    const su = uri(`small-beside-${bomb.name}`);
    const bombDiag = c.diagnosticsFor(bu, 1, 60_000);
    const smallDiag = c.diagnosticsFor(su, 1, 60_000);
    const t0 = Date.now();
    c.open(bu, bomb.text());
    c.open(su, small);
    const s = await smallDiag;
    const smallMs = Date.now() - t0;
    const b = await bombDiag;
    const bombMs = Date.now() - t0;
    assert.deepEqual(
      s.diagnostics.map((d) => d.code),
      ['vmotion-rtt'],
      'the small document gets its finding',
    );
    assert.ok(smallMs < bomb.serverBudgetMs, `${bomb.name}: the small document waited ${smallMs} ms`);
    bomb.expect(
      b.diagnostics.map((d) => ({
        code: d.code,
        message: d.message,
        severity: d.severity,
      })),
    );
    t.diagnostic(`${bomb.name}: bomb diagnostics in ${bombMs} ms, the small document's in ${smallMs} ms`);
    await answers(su, small);
    c.notify('textDocument/didClose', { textDocument: { uri: bu } });
    c.notify('textDocument/didClose', { textDocument: { uri: su } });
  }
});

/**
 * The versions published for `u` never go back; with `closed`, the close's clearing publish (empty, no
 * version: the server sends it when it processes the close) comes, and nothing but empties after it.
 * A publish the server sent before it read the close may arrive after the client sent it: that is not stale.
 */
function assertNoStale(u, closed = false) {
  const list = pubs(u);
  const clearAt = closed ? list.findIndex((p) => p.version === undefined && p.diagnostics.length === 0) : -1;
  if (closed) assert.ok(clearAt >= 0, 'the close is answered by a clearing publish');
  let last = -Infinity;
  list.forEach((p, k) => {
    if (closed && k >= clearAt) {
      assert.deepEqual(p.diagnostics, [], 'after the close only the clearing publish');
      return;
    }
    assert.ok(typeof p.version === 'number', 'every publish carries a version');
    assert.ok(p.version >= last, `version ${p.version} published after ${last}`);
    last = p.version;
  });
  return list;
}

test('1,000 didChange in a burst: the findings of the final text, no older version after a newer one', { timeout: 60_000 }, async (t) => {
  const u = uri('burst');
  const texts = YAML.map((d) => d.text);
  c.open(u, texts[0]);
  for (let v = 2; v <= 1001; v++) c.change(u, v, v === 1001 ? slowDesign(60).text : texts[v % texts.length]);
  const final = await c.diagnosticsFor(u, 1001, 30_000);
  await new Promise((r) => setTimeout(r, 800));
  const list = assertNoStale(u);
  assert.equal(list.at(-1).version, 1001, 'the last publish is for the final text');
  // The same text opened fresh gives the same diagnostics.
  const fresh = uri('burst-fresh');
  const expected = c.diagnosticsFor(fresh, 1, 30_000);
  c.open(fresh, slowDesign(60).text);
  // Compared without what names the document: its URI and the analysed version.
  const plain = (ds, from) => JSON.parse(JSON.stringify(ds, (k, v) => (k === 'version' ? undefined : v)).replaceAll(from, 'DOC'));
  assert.deepEqual(plain(final.diagnostics, u), plain((await expected).diagnostics, fresh));
  assert.ok(final.diagnostics.some((d) => d.code === 'stretched-l2-distance'));
  t.diagnostic(`${list.length} publishes for 1,001 versions`);
  c.notify('textDocument/didClose', { textDocument: { uri: u } });
  c.notify('textDocument/didClose', { textDocument: { uri: fresh } });
});

test('an edit during a slow analysis: the final findings are those of the edit, nothing older after it', { timeout: 60_000 }, async (t) => {
  const u = uri('slow-edit');
  const slow = slowDesign(400);
  const t0 = Date.now();
  c.open(u, slow.text);
  // The server is inside the analysis of version 1 (the open is linted at once): edit now.
  await new Promise((r) => setTimeout(r, 150));
  const small = 'dci: 1\nsites:\n  a: {location: [1, 2]}\n  a: {location: [3, 4]}\n';
  c.change(u, 2, small);
  const final = await c.diagnosticsFor(u, 2, 60_000);
  t.diagnostic(`version 2 published ${Date.now() - t0} ms after the open`);
  await new Promise((r) => setTimeout(r, 800));
  const list = assertNoStale(u);
  assert.equal(list.at(-1).version, 2);
  assert.deepEqual(
    final.diagnostics.map((d) => d.code),
    ['duplicate-site'],
  );
  c.notify('textDocument/didClose', { textDocument: { uri: u } });
});

test('closing a document mid-analysis: nothing but the clearing publish after the close', { timeout: 60_000 }, async () => {
  const u = uri('slow-close');
  c.open(u, slowDesign(400).text);
  await new Promise((r) => setTimeout(r, 150));
  c.change(u, 2, slowDesign(399).text);
  await new Promise((r) => setTimeout(r, 100));
  c.notify('textDocument/didClose', { textDocument: { uri: u } });
  // The server answers after the close (it processed it), then give it time to publish anything stale.
  await c.request('textDocument/documentSymbol', { textDocument: { uri: uri('nothing') } }, 60_000);
  await new Promise((r) => setTimeout(r, 1500));
  const list = assertNoStale(u, true);
  const last = list.at(-1);
  assert.deepEqual(last.diagnostics, [], 'the last word on a closed document is an empty publish');
});

test('a big design (2,000 sites, 140 KB) is linted while requests on it keep answering', { timeout: 60_000 }, async (t) => {
  const u = uri('big');
  const text = bigDesign(2000).text;
  const d = c.diagnosticsFor(u, 1, 60_000);
  const t0 = Date.now();
  c.open(u, text);
  await answers(u, text);
  const diags = (await d).diagnostics;
  assert.deepEqual(lspRangeProblems(diags, text), []);
  t.diagnostic(`${text.length} characters, ${diags.length} diagnostics in ${Date.now() - t0} ms`);
  c.notify('textDocument/didClose', { textDocument: { uri: u } });
});

test('pull mode: a burst of 200 changes with pulls in flight; the last pull answers for the final text', { timeout: 60_000 }, async () => {
  const p = new LspClient({ pull: true });
  try {
    await p.initialize();
    const u = uri('pull-burst');
    p.open(u, slowDesign(300).text);
    const pending = [];
    for (let v = 2; v <= 201; v++) {
      p.change(u, v, v === 201 ? 'dci: 1\nsites:\n  a: {location: [1, 2]}\n  a: {location: [3, 4]}\n' : slowDesign(20 + (v % 30)).text);
      // Editors pull after changes and cancel outdated pulls; here some are left to answer or fail.
      if (v % 20 === 0) pending.push(p.request('textDocument/diagnostic', { textDocument: { uri: u } }, 30_000).catch((e) => e));
    }
    const results = await Promise.all(pending);
    for (const r of results)
      assert.ok(
        r instanceof Error ? r.code === -32802 : r.kind === 'full',
        `a full report or ServerCancelled, got ${r?.message ?? JSON.stringify(r).slice(0, 200)}`,
      );
    const last = await p.request('textDocument/diagnostic', { textDocument: { uri: u } }, 30_000);
    assert.deepEqual(
      last.items.map((d) => d.code),
      ['duplicate-site'],
    );
    assert.equal(
      p.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.diagnostics.length > 0).length,
      0,
      'a pulling client gets no pushes',
    );
    await p.shutdown();
  } finally {
    p.kill();
  }
});
