// Places by name in the editor: completion of place names on `location:`, region completion that ranks
// the exact code first and matches cities, hover of a place-string and an inferred site, quick fixes of
// unknown-place and inferred-location over the protocol.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, posOf } from './client.mjs';

const TEXT = `dci: 1
sites:
  fra1:
    location: "Frankfurt am Main, DE"
  lis1: {}
  typo:
    location: "Frnkfurt"
  dub1:
    region: eu-west-2
migrations:
  - { name: m, method: vmotion, platform: { product: vsphere, version: "5.1" }, path: [lis1, fra1] }
`;

describe('places in the editor', () => {
  let c;
  const uri = 'file:///tmp/dci-lsp-places/p.dci.yaml';
  let diags;
  before(async () => {
    c = new LspClient();
    await c.initialize();
    c.open(uri, TEXT);
    diags = (await c.diagnosticsFor(uri)).diagnostics;
  });
  after(async () => {
    await c.shutdown();
  });

  test('diagnostics: unknown-place error, inferred-location info, the dependent vMotion capped at warning', () => {
    const got = diags.map((d) => `${d.code}:${d.severity}:${d.range.start.line}`).sort();
    assert.ok(got.includes('unknown-place:1:6'), got.join(' '));
    assert.ok(got.includes('inferred-location:3:4'), got.join(' '));
    assert.ok(got.includes('vmotion-rtt:2:10'), got.join(' '));
    assert.ok(!got.some((g) => g.startsWith('vmotion-rtt:1')));
  });

  test('completion on location: place names, most populous first, quoted; an IATA code first', async () => {
    const text = TEXT.replace('location: "Frnkfurt"', 'location: Frank');
    const u = 'file:///tmp/dci-lsp-places/c.dci.yaml';
    c.open(u, text);
    const pos = posOf(text, 'location: Frank', 0, 15);
    const items = await c.request('textDocument/completion', { textDocument: { uri: u }, position: pos });
    assert.equal(items[0].label, 'Frankfurt am Main, DE');
    assert.match(items[0].detail, /^Germany, population 650,000/);
    assert.deepEqual(items[0].textEdit, { range: { start: { line: pos.line, character: pos.character - 5 }, end: pos }, newText: '"Frankfurt am Main, DE"' });
    const quoted = TEXT.replace('location: "Frnkfurt"', 'location: "SYD');
    c.change(u, 2, quoted);
    const q = await c.request('textDocument/completion', { textDocument: { uri: u }, position: posOf(quoted, 'location: "SYD', 0, 14) });
    assert.equal(q[0].label, 'Sydney, AU');
    assert.match(q[0].detail, /IATA SYD/);
    assert.equal(q[0].textEdit.newText, 'Sydney, AU');
  });

  test('region completion: the exact code first (eu-west-2 is aws:eu-west-2), cities match, detail is the city', async () => {
    const pos = posOf(TEXT, 'region: eu-west-2', 0, 17);
    const items = await c.request('textDocument/completion', { textDocument: { uri }, position: pos });
    const sorted = [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
    assert.equal(sorted[0].label, 'aws:eu-west-2');
    assert.equal(sorted[0].preselect, true);
    assert.match(sorted[0].detail, /^London/);
    assert.doesNotMatch(sorted[0].documentation, /geonames-city|partition=/);
    const text = TEXT.replace('region: eu-west-2', 'region: london');
    const u = 'file:///tmp/dci-lsp-places/r.dci.yaml';
    c.open(u, text);
    const byCity = await c.request('textDocument/completion', { textDocument: { uri: u }, position: posOf(text, 'region: london', 0, 14) });
    const top = [...byCity].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).slice(0, 3);
    assert.ok(top.every((i) => /London/.test(i.detail)), top.map((i) => i.label).join(' '));
  });

  test('hover: a place string shows the city and country; an inferred site says so', async () => {
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: posOf(TEXT, 'fra1:', 0, 1) });
    assert.match(h.contents.value, /50\.1155° N, 8\.6842° E \(from Frankfurt am Main, Germany \(place "Frankfurt am Main, DE", GeoNames\)\)/);
    const i = await c.request('textDocument/hover', { textDocument: { uri }, position: posOf(TEXT, 'lis1: {}', 0, 1) });
    assert.match(i.contents.value, /inferred from `lis` in its id/);
    assert.match(i.contents.value, /Inferred from `lis` in its id, not stated/);
    const u = await c.request('textDocument/hover', { textDocument: { uri }, position: posOf(TEXT, 'typo:', 0, 1) });
    assert.match(u.contents.value, /not placed: "Frnkfurt" is not a place DCI Lint can resolve/);
  });

  test('quick fixes: a suggestion per unknown place, a pin for an inferred one', async () => {
    const actions = async (code) => {
      const d = diags.find((x) => x.code === code);
      return c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    };
    const typo = await actions('unknown-place');
    assert.ok(typo.some((a) => a.title.startsWith('Replace with "Frankfurt am Main, DE"')), typo.map((a) => a.title).join(' | '));
    const pin = await actions('inferred-location');
    const fix = pin.find((a) => a.title === 'Pin the location: "Lisbon, PT"');
    assert.ok(fix, pin.map((a) => a.title).join(' | '));
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit.changes[uri].map((e) => e.newText), ['{ location: "Lisbon, PT" }']);
  });
});
