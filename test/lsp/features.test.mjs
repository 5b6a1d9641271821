// Protocol tests: hover, code actions, inlay hints, completion, navigation, rename and symbols.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, posOf, rangeOf } from './client.mjs';

/** Applies LSP text edits (non-overlapping) to a text. */
function applyEdits(text, edits) {
  const offset = (p) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  return [...edits]
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

describe('editor features', () => {
  let c;
  let example;
  let metro;
  let exampleDiags;
  let metroDiags;
  before(async () => {
    c = new LspClient();
    await c.initialize();
    example = c.openFile('examples/follow-the-sun.dci.yaml');
    exampleDiags = (await c.diagnosticsFor(example.uri)).diagnostics;
    metro = c.openFile('test/lsp/fixtures/metro.dci.yaml');
    metroDiags = (await c.diagnosticsFor(metro.uri)).diagnostics;
  });
  after(async () => {
    const { exit } = await c.shutdown();
    assert.deepEqual(exit, { code: 0, signal: null }, 'shutdown then exit ends the server with code 0');
    const errors = c.notifications.filter((m) => m.method === 'window/logMessage' && m.params.type === 1).map((m) => m.params.message);
    assert.deepEqual(errors, [], 'no handler logged an error');
  });

  const hoverAt = (doc, needle, n = 0, delta = 1) => c.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: posOf(doc.text, needle, n, delta) });

  test('hover on a site key: coordinates, origin, distance and RTT to the sites it is used with', async () => {
    const h = await hoverAt(example, 'fra1:');
    assert.equal(h.contents.kind, 'markdown');
    assert.deepEqual(h.range, rangeOf(example.text, 'fra1'));
    assert.equal(
      h.contents.value,
      [
        '**site `fra1`** — Frankfurt (Equinix FR5): ✗ 2 errors, ⚠ 1 warning on its pairs (vmotion-rtt, follow-the-sun)',
        '',
        '50.0994° N, 8.6270° E (from coordinates)',
        '',
        '| to | distance | lower bound | RTT |',
        '|---|--:|--:|--:|',
        '| syd1 | 16,485 km | 161 ms | ≈ 242 ms, 80% between 194 and 323 |',
        '| nyc1 | 6,213 km | 60.9 ms | 78 ms measured |',
        '',
        'Used in: link syd1-fra1, link fra1-nyc1, segment web-vlan-210, migration follow-the-sun-web',
      ].join('\n'),
    );
  });

  test('hover on a cloud-region site reference names the region', async () => {
    const h = await hoverAt(metro, 'dub1]', 0, 1);
    assert.match(h.contents.value, /\*\*site `dub1`\*\*[^\n]*\n\n53\.\d{4}° N, 6\.\d{4}° W \(from aws:eu-west-1 \(Dublin/);
  });

  test('hover on a migration: hop-by-hop RTT table against the limit and its source', async () => {
    const h = await hoverAt(example, 'method: vmotion', 0, 3);
    const lines = h.contents.value.split('\n');
    // Verdict first: the title, how many hops break the limit and the worst one, on one line.
    assert.equal(lines[0], '✗ **migration `follow-the-sun-web`** (vmotion): 2 of 2 hops over the 10 ms limit; worst syd1 → fra1 ≈ 242 ms, 80% between 194 and 323 (≥ 161 ms)');
    assert.ok(lines.includes('| syd1 → fra1 | 16,485 km | 161 ms | ≈ 242 ms, 80% between 194 and 323 | 10 ms | ✗ no network can |'));
    assert.ok(lines.includes('| fra1 → nyc1 | 6,213 km | 60.9 ms | 78 ms measured | 10 ms | ✗ no network can |'));
    assert.ok(lines.some((l) => l.startsWith('Limit 10 ms (Metro vMotion on vSphere 5.1, vendor, rule [`vmotion-rtt`]') && l.includes('KB 310156')));
  });

  test('hover on a vSAN cluster: data sites and witness rows with their own limits', async () => {
    const h = await hoverAt(metro, 'kind: vsan-stretched', 0, 2);
    const v = h.contents.value;
    assert.match(v, /^✓ \*\*cluster `vsan-metro`\*\* \(vsan-stretched\): within the 5 ms limit; worst fra1 ↔ fra2 ≈ 0.32 ms/);
    const lines = v.split('\n');
    assert.ok(lines.includes('| fra1 ↔ fra2 | 4 km | 0.04 ms | ≈ 0.32 ms | 5 ms | ✓ 6 % of budget |'), v);
    assert.ok(lines.includes('| ams1 ↔ fra1 (witness) | 356 km | 3.48 ms | 8.2 ms measured | 200 ms | ✓ 4 % of budget |'), v);
    assert.ok(lines.includes('| ams1 ↔ fra2 (witness) | 358 km | 3.5 ms | ≈ 8.52 ms via fra1 | 200 ms | ✓ 4 % of budget |'), v);
    assert.ok(lines.some((l) => l.startsWith('Limit 5 ms (vSAN data sites, vendor, rule [`vsan-stretched-rtt`]')));
    assert.ok(lines.some((l) => l.startsWith('Limit 200 ms (vSAN witness, vendor, rule [`vsan-stretched-rtt`]')));
  });

  test('hover on a finding: the verdict with its figures first (not the message VS Code shows above), why, the docs link', async () => {
    const h = await hoverAt(metro, '[fra1, dub1]', 0, 3);
    const v = h.contents.value;
    assert.ok(v.startsWith('✗ **error** `sync-replication-rtt`: fra1 ↔ dub1 25.3 ms RTT'), v);
    const d = metroDiags.find((x) => x.code === 'sync-replication-rtt');
    assert.ok(!v.includes(d.message), 'the diagnostic message is not repeated');
    assert.ok(v.includes("Synchronous replication beyond the product's supported RTT or distance. It is an error because even light in a straight fiber needs 10.6 ms over 1,087 km, more than the 5 ms limit: no network can meet it."), v);
    assert.ok(v.includes('[Documentation for sync-replication-rtt](https://github.com/dci-lint/dci-lint/blob/main/docs/rules/sync-replication-rtt.md)'));
  });

  test('hover on a distance-limited finding explains it in km', async () => {
    const uri = 'file:///tmp/dci-lsp-test/km.dci.yaml';
    const text = ['dci: 1', 'sites:', '  fra1: { location: [50.0994, 8.6270] }', '  mad1: { location: [40.4168, -3.7038] }', 'replication:', '  - name: mc', '    mode: synchronous', '    product: netapp-metrocluster-ip', '    sites: [fra1, mad1]', ''].join('\n');
    c.open(uri, text);
    const [d] = (await c.diagnosticsFor(uri, 1)).diagnostics;
    assert.equal(d.code, 'sync-replication-rtt');
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    assert.ok(h.contents.value.includes("Synchronous replication beyond the product's supported RTT or distance. It is an error because even a straight cable would be 1,44"), h.contents.value);
    assert.match(h.contents.value, /km, more than the 700 km supported\./);
    assert.match(h.contents.value, /\| fra1 ↔ mad1 \| 1,44\d km \| [\d.]+ ms \| ≈ [\d.]+ ms, 80% between [\d.]+ and [\d.]+ \| 700 km \| ✗ too far even in a straight line \|/);
  });

  // A tester saw a name the design does not define listed as a site "not placed" in a site's hover.
  test("hover on a site: a partner the design does not define is 'no such site', one without a location 'not placed'", async () => {
    const uri = 'file:///tmp/dci-lsp-test/partners.dci.yaml';
    const text = ['dci: 1', 'sites:', '  fra1: { location: [50.0994, 8.6270] }', '  spare: {}', 'segments:', '  - name: v1', '    sites: [fra1, spare, nyc]', ''].join('\n');
    c.open(uri, text);
    await c.diagnosticsFor(uri, 1);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.match(h.contents.value, /\| spare \| — \| — \| not placed \|/);
    assert.match(h.contents.value, /\| nyc \| — \| — \| no such site \|/);
  });

  // A tester saw "changed by configuration" on an unknown key's warning with nothing configured: the schema
  // grades unknown keys as warnings itself. Only a configured level says so.
  test('hover on a finding the rule grades below its default does not blame the configuration', async () => {
    const uri = 'file:///tmp/dci-lsp-test/grade.dci.yaml';
    c.open(uri, 'dci: 1\ncolour: blue\nsites:\n  fra1: { location: [50.1, 8.6] }\n');
    const [d] = (await c.diagnosticsFor(uri, 1)).diagnostics;
    assert.equal(d.code, 'schema');
    assert.equal(d.severity, 2);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
    assert.match(h.contents.value, /It is reported as warning: the rule grades this case so \(its default is error\)\./);
    assert.doesNotMatch(h.contents.value, /configuration/);
  });

  test('code actions in ESLint order; the quick fix resolves the finding', async () => {
    const d = metroDiags.find((x) => x.code === 'unknown-site');
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: metro.uri }, range: d.range, context: { diagnostics: [d] } });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Replace with `ams1`', 'quickfix', true],
        ['Disable unknown-site for this line', 'quickfix', false],
        ['Disable unknown-site for this file', 'quickfix', false],
        ['Show documentation for unknown-site', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions[0].edit.changes[metro.uri], [{ range: rangeOf(metro.text, 'amss1'), newText: 'ams1' }]);
    assert.deepEqual(actions[1].edit.changes[metro.uri], [{ range: { start: { line: 33, character: 0 }, end: { line: 33, character: 0 } }, newText: '      # dci-lint-ignore: unknown-site -- reason\n' }]);
    assert.deepEqual(actions[2].edit.changes[metro.uri], [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# dci-lint-ignore-file: unknown-site\n' }]);
    assert.deepEqual(actions[3].command, { title: 'Show documentation for unknown-site', command: 'dciLint.showDocumentation', arguments: ['unknown-site', 'https://github.com/dci-lint/dci-lint/blob/main/docs/rules/unknown-site.md'] });
    // Apply the fix as an editor would: the finding goes away, the others stay.
    const uri = 'file:///tmp/dci-lsp-test/fix.dci.yaml';
    c.open(uri, metro.text);
    await c.diagnosticsFor(uri, 1);
    c.change(uri, 2, applyEdits(metro.text, actions[0].edit.changes[metro.uri]));
    assert.deepEqual((await c.diagnosticsFor(uri, 2)).diagnostics.map((x) => x.code), ['stretched-l2-distance', 'sync-replication-rtt']);
    // "Disable for this line" also makes it go away.
    c.change(uri, 3, applyEdits(metro.text, actions[1].edit.changes[metro.uri]));
    assert.deepEqual((await c.diagnosticsFor(uri, 3)).diagnostics.map((x) => x.code), ['stretched-l2-distance', 'sync-replication-rtt']);
  });

  test('two findings with the same fix (two hops of one migration) get one action for both', async () => {
    const vm = exampleDiags.filter((d) => d.code === 'vmotion-rtt');
    assert.equal(vm.length, 2);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: example.uri }, range: vm[0].range, context: { diagnostics: vm } });
    assert.deepEqual(
      actions.map((a) => [a.title, a.diagnostics?.length ?? 0]),
      [
        ['Switch to `method: cold` (no RTT limit: replicate, then reboot)', 2],
        ['Disable vmotion-rtt for this line', 2],
        ['Disable vmotion-rtt for this file', 1],
        ['Show documentation for vmotion-rtt', 0],
      ],
    );
  });

  test('source.fixAll.dci-lint applies every preferred fix', async () => {
    const all = await c.request('textDocument/codeAction', {
      textDocument: { uri: example.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.dci-lint');
    const fixed = applyEdits(example.text, all[0].edit.changes[example.uri]);
    assert.ok(fixed.includes('gateway: { protocol: anycast }'), 'the active site goes with the protocol');
    assert.ok(fixed.includes('method: cold'));
    assert.equal(fixed.split('\n').length, example.text.split('\n').length);
    // Asked for quick fixes only: no source action.
    const quick = await c.request('textDocument/codeAction', { textDocument: { uri: example.uri }, range: exampleDiags[0].range, context: { diagnostics: [exampleDiags[0]], only: ['quickfix'] } });
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
  });

  test('inlay hints after site lists: worst pair, hop by hop for migrations', async () => {
    const hints = await c.request('textDocument/inlayHint', { textDocument: { uri: example.uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [15, 25, '≈ 242 ms RTT (≥ 161 ms)'],
        [17, 25, '78 ms RTT measured (≥ 60.9 ms)'],
        [23, 29, '≈ 320 ms RTT (≥ 157 ms)'],
        [29, 28, '≈ 242 → 78 ms RTT (≥ 161 → 60.9 ms)'],
      ],
    );
    const metroHints = await c.request('textDocument/inlayHint', { textDocument: { uri: metro.uri }, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } } });
    assert.deepEqual(
      metroHints.map((h) => `${h.position.line}:${h.position.character} ${h.label}`),
      [
        '14:25 ≈ 0.32 ms RTT (≥ 0.04 ms)',
        '16:25 8.2 ms RTT measured (≥ 3.48 ms)',
        '21:29 ≈ 25.4 ms RTT (≥ 10.7 ms)',
        '25:23 ≈ 0.32 ms RTT (≥ 0.04 ms)',
        '26:17 ≈ 8.52 ms RTT (≥ 3.5 ms) to fra2',
        '38:23 ≈ 25.3 ms RTT (≥ 10.6 ms)',
      ],
    );
    // Outside the requested range: nothing.
    const none = await c.request('textDocument/inlayHint', { textDocument: { uri: example.uri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    assert.deepEqual(none, []);
  });

  test('code lens is off by default', async () => {
    assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: { uri: example.uri } }), []);
  });

  test('completion: site ids in a reference list, region codes after region:', async () => {
    const items = await c.request('textDocument/completion', { textDocument: { uri: metro.uri }, position: posOf(metro.text, 'sites: [fra1, dub1]', 0, 8) });
    assert.deepEqual(
      items.map((i) => i.label),
      ['fra1', 'fra2', 'ams1', 'dub1'],
    );
    assert.deepEqual(items[0].textEdit.range, { start: posOf(metro.text, 'sites: [fra1, dub1]', 0, 8), end: posOf(metro.text, 'sites: [fra1, dub1]', 0, 8) });
    // A single reference (`witness:`): what was typed so far is replaced.
    const w = await c.request('textDocument/completion', { textDocument: { uri: metro.uri }, position: posOf(metro.text, 'witness: ams1', 0, 11) });
    assert.deepEqual(w.map((i) => i.label), ['fra1', 'fra2', 'ams1', 'dub1']);
    assert.deepEqual(w[2].textEdit, { range: { start: posOf(metro.text, 'witness: ams1', 0, 9), end: posOf(metro.text, 'witness: ams1', 0, 11) }, newText: 'ams1' });
    // Values from the schema's enums.
    const methods = await c.request('textDocument/completion', { textDocument: { uri: metro.uri }, position: posOf(metro.text, 'method: vmotion', 0, 10) });
    assert.deepEqual(methods.map((i) => i.label), ['vmotion', 'hcx-vmotion', 'hcx-rav', 'hcx-bulk', 'cold', 'storage-vmotion']);
    assert.deepEqual(methods[4].textEdit, { range: { start: posOf(metro.text, 'method: vmotion', 0, 8), end: posOf(metro.text, 'method: vmotion', 0, 10) }, newText: 'cold' });
    // Half-typed: `region: aws:eu-w` completes the catalogue and replaces what was typed.
    const uri = 'file:///tmp/dci-lsp-test/complete.dci.yaml';
    const text = metro.text.replace('    region: aws:eu-west-1', '    region: aws:eu-w');
    c.open(uri, text);
    const pos = posOf(text, 'aws:eu-w', 0, 8);
    const regions = await c.request('textDocument/completion', { textDocument: { uri }, position: pos });
    const west1 = regions.find((i) => i.label === 'aws:eu-west-1');
    assert.ok(regions.length > 100);
    assert.deepEqual(west1.textEdit, { range: { start: { line: pos.line, character: pos.character - 8 }, end: pos }, newText: 'aws:eu-west-1' });
    assert.match(west1.detail, /Dublin/);
    // Block list item, typed half-way, in a broken document: the sites of the last good parse.
    const broken = metro.text.replace('      - amss1', '      - a\n    bad: [');
    c.change(uri, 2, broken);
    const block = await c.request('textDocument/completion', { textDocument: { uri }, position: posOf(broken, '      - a\n', 0, 9) });
    assert.deepEqual(block.map((i) => i.label), ['fra1', 'fra2', 'ams1', 'dub1']);
    // Not a reference position: nothing.
    assert.deepEqual(await c.request('textDocument/completion', { textDocument: { uri: metro.uri }, position: posOf(metro.text, 'name: db-sync', 0, 8) }), []);
  });

  // A tester found nothing offered after `product:` (only words of the document).
  test("completion: a replication's product, with its limit and the limit's kind; not a migration platform's product", async () => {
    const uri = 'file:///tmp/dci-lsp-test/products.dci.yaml';
    const text = ['dci: 1', 'sites:', '  a: { location: [50.1, 8.6] }', 'replication:', '  - name: r', '    mode: synchronous', '    product: sr', 'migrations:', '  - name: m', '    platform:', '      product: vs', ''].join('\n');
    c.open(uri, text);
    const items = await c.request('textDocument/completion', { textDocument: { uri }, position: posOf(text, 'product: sr', 0, 11) });
    const srdf = items.find((i) => i.label === 'srdf-s');
    assert.equal(srdf?.detail, 'Dell SRDF/S: 200 km (DCI Lint heuristic)');
    assert.ok(items.some((i) => i.label === 'vplex-metro' && i.detail === 'Dell VPLEX Metro: 5 ms (vendor)'));
    assert.ok(items.some((i) => i.label === 'cosmosdb' && /managed/.test(i.detail)));
    assert.ok(!items.some((i) => i.label === 'generic' || i.label === 'vplex-metro-cross-connect'), 'no rows that are not products');
    assert.deepEqual(srdf.textEdit.range, { start: posOf(text, 'product: sr', 0, 9), end: posOf(text, 'product: sr', 0, 11) });
    assert.deepEqual(await c.request('textDocument/completion', { textDocument: { uri }, position: posOf(text, 'product: vs', 0, 11) }), []);
  });

  test('go to definition and find references of a site id', async () => {
    const def = await c.request('textDocument/definition', { textDocument: { uri: metro.uri }, position: posOf(metro.text, 'witness: ams1', 0, 10) });
    assert.deepEqual(def, { uri: metro.uri, range: rangeOf(metro.text, 'ams1:') && { start: posOf(metro.text, 'ams1:'), end: posOf(metro.text, 'ams1:', 0, 4) } });
    const refs = await c.request('textDocument/references', { textDocument: { uri: metro.uri }, position: posOf(metro.text, 'fra2:'), context: { includeDeclaration: true } });
    assert.deepEqual(
      refs.map((l) => `${l.range.start.line}:${l.range.start.character}`),
      ['7:2', '14:20', '21:18', '25:18'],
    );
  });

  test('rename a site id: definition and every reference, quotes kept', async () => {
    const uri = 'file:///tmp/dci-lsp-test/rename.dci.yaml';
    const text = metro.text.replace('witness: ams1', 'witness: "ams1"');
    c.open(uri, text);
    const prep = await c.request('textDocument/prepareRename', { textDocument: { uri }, position: posOf(text, '"ams1"', 0, 2) });
    assert.deepEqual(prep, { range: { start: posOf(text, '"ams1"', 0, 1), end: posOf(text, '"ams1"', 0, 5) }, placeholder: 'ams1' });
    const edit = await c.request('textDocument/rename', { textDocument: { uri }, position: posOf(text, 'ams1:'), newName: 'ams9' });
    const renamed = applyEdits(text, edit.changes[uri]);
    assert.equal(renamed, text.replace('ams1:', 'ams9:').replace('[fra1, ams1]', '[fra1, ams9]').replace('"ams1"', '"ams9"'));
    await assert.rejects(c.request('textDocument/rename', { textDocument: { uri }, position: posOf(text, 'ams1:'), newName: 'fra1' }), /already exists/);
    await assert.rejects(c.request('textDocument/rename', { textDocument: { uri }, position: posOf(text, 'ams1:'), newName: 'a b' }), /not a valid site id/);
  });

  test('document symbols: sites, links, segments, clusters, migrations, replication', async () => {
    const symbols = await c.request('textDocument/documentSymbol', { textDocument: { uri: metro.uri } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children.map((ch) => ch.name)]),
      [
        ['sites', ['fra1', 'fra2', 'ams1', 'dub1']],
        ['links', ['fra1-fra2', 'fra1-ams1']],
        ['segments', ['app-vlan-120']],
        ['clusters', ['vsan-metro']],
        ['migrations', ['evacuate']],
        ['replication', ['db-sync']],
      ],
    );
    const mig = symbols[4].children[0];
    assert.equal(mig.detail, 'fra1 → amss1');
    assert.deepEqual(mig.selectionRange, rangeOf(metro.text, 'evacuate'));
  });
});
