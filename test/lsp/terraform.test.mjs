// Protocol tests: Terraform modules through the server (all .tf files of the folder, the topology next
// to them), and a topology edit that changes Terraform findings.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspClient } from './client.mjs';

const brief = (d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
let c;
before(async () => {
  c = new LspClient();
  await c.initialize();
});
after(() => c.kill());

test('a .tf file gets the findings of its module, placed by the topology beside it', async () => {
  const { uri } = c.openFile('test/lsp/fixtures/tf-topology/main.tf', 'terraform');
  const { diagnostics } = await c.diagnosticsFor(uri);
  assert.deepEqual(diagnostics.map(brief), ['vsan-stretched-rtt 2 102:2-102:24']);
  assert.match(diagnostics[0].message, /^vSAN stretched cluster ams-fra-cl01: data sites ams1 and fra1 are 5\.47 ms RTT \(estimate; at least 3\.51 ms over 359 km\)/);
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: diagnostics[0].range.start });
  const lines = hover.contents.value.split('\n');
  assert.ok(lines[0].startsWith('⚠ **warning** `vsan-stretched-rtt`: ams1 ↔ fra1 5.47 ms RTT (≥ 3.51 ms), limit 5 ms'), lines[0]);
  assert.ok(lines.includes('50.0994° N, 8.6270° E (from topology site fra1 (coordinates), named by "FRA1" in tag vsphere_tag.fra1)'), hover.contents.value);
  assert.ok(lines.includes('| ams1 | 359 km | 3.51 ms | ≈ 5.47 ms, 80% between 4.42 and 7.23 |'), hover.contents.value);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
  assert.deepEqual(actions.map((a) => a.title), ['Disable vsan-stretched-rtt for this line', 'Disable vsan-stretched-rtt for this file', 'Show documentation for vsan-stretched-rtt']);
});

test('moving a site in the topology updates the Terraform findings that depend on it', async () => {
  const tf = 'test/lsp/fixtures/tf-topology/main.tf';
  const topo = c.openFile('test/lsp/fixtures/tf-topology/topology.dci.yaml');
  await c.diagnosticsFor(topo.uri);
  // ams1 moves to Sydney: both clusters that use it now span continents.
  c.change(topo.uri, 2, topo.text.replace('location: { lat: 52.3547, lon: 4.9570 }', 'location: { lat: -33.9173, lon: 151.1851 }'));
  const { diagnostics } = await c.diagnosticsUntil(new URL(`../../${tf}`, import.meta.url).href, (list) => list.length === 4);
  assert.deepEqual(diagnostics.map(brief), ['vsan-stretched-rtt 1 86:2-86:24', 'vsan-stretched-rtt 2 89:4-89:70', 'vsan-stretched-rtt 1 102:2-102:24', 'vsan-stretched-rtt 2 106:4-106:70']);
  assert.match(diagnostics[0].message, /^vSAN stretched cluster metro-cl01: data sites ams1 and rtm1 are 245 ms RTT/);
  assert.match(diagnostics[1].message, /^vSAN witness lon1 of cluster metro-cl01 is 250 ms RTT/);
});

test('half-typed HCL: a syntax error, no crash, and the findings come back when it is closed', async () => {
  const { uri, text } = c.openFile('test/lsp/fixtures/tf-topology/main.tf', 'terraform');
  const cut = text.lastIndexOf('}');
  c.change(uri, 2, text.slice(0, cut));
  const broken = await c.diagnosticsFor(uri, 2);
  assert.ok(broken.diagnostics.some((d) => d.code === 'syntax' && /Missing `\}`/.test(d.message)), broken.diagnostics.map(brief).join('\n'));
  c.change(uri, 3, text);
  assert.ok((await c.diagnosticsFor(uri, 3)).diagnostics.every((d) => d.code !== 'syntax'));
});
