// The editor's views and commands over the protocol: `dciLint/map` (map data, SVG and RTT matrix, as the
// map and matrix webviews get them), `dciLint/lintFiles` (Lint Workspace: files that are not open, linted
// as if they were) and the Output channel's log (server version, what was linted, which config).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { LspClient, ROOT, uriOf } from './client.mjs';

describe('views and commands', () => {
  let c;
  let example;
  let diags;
  before(async () => {
    c = new LspClient();
    await c.initialize();
    example = c.openFile('examples/follow-the-sun.dci.yaml');
    diags = (await c.diagnosticsFor(example.uri)).diagnostics;
  });
  after(async () => {
    await c.shutdown();
    const errors = c.notifications.filter((m) => m.method === 'window/logMessage' && m.params.type === 1).map((m) => m.params.message);
    assert.deepEqual(errors, [], 'no handler logged an error');
  });

  test('dciLint/map: sites with locations, judged pairs with verdicts, limits and locations, the SVG, the matrix', async () => {
    const r = await c.request('dciLint/map', { uri: example.uri });
    assert.equal(r.name, 'follow-the-sun-web');
    assert.deepEqual(
      r.sites.map((s) => s.id),
      ['syd1', 'fra1', 'nyc1'],
    );
    for (const s of r.sites) {
      assert.equal(s.location.uri, example.uri);
      assert.equal(example.text.split('\n')[s.location.range.start.line].trim(), `${s.id}:`);
    }
    const byPair = Object.fromEntries(r.pairs.map((p) => [`${p.from}-${p.to}`, p]));
    assert.deepEqual(Object.keys(byPair).sort(), ['fra1-nyc1', 'syd1-fra1', 'syd1-nyc1']);
    assert.equal(byPair['fra1-nyc1'].verdict, 'error');
    assert.equal(byPair['fra1-nyc1'].measured, true);
    assert.equal(byPair['fra1-nyc1'].rttMs, 78);
    assert.equal(byPair['fra1-nyc1'].limit.value, 10);
    assert.equal(byPair['syd1-nyc1'].verdict, 'warning');
    assert.equal(byPair['syd1-nyc1'].link, false);
    // The verdicts are the diagnostics': every error/warning pair has a diagnostic of that severity at its first finding.
    for (const p of r.pairs) {
      const f = p.findings[0];
      assert.ok(f?.location, `${p.from}-${p.to} has a finding with a location`);
      assert.ok(diags.some((d) => d.code === f.ruleId && d.range.start.line === f.location.range.start.line));
    }
    // The SVG is the CLI's renderer's: same sites labelled, the same pairs coloured.
    assert.match(r.svg, /^<svg /);
    for (const s of r.sites) assert.match(r.svg, new RegExp(`data-site="${s.id}"`));
    const cli = spawnSync(process.execPath, [`${ROOT}/dist/cli.js`, 'map', 'examples/follow-the-sun.dci.yaml'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(cli.status, 0);
    const verdicts = (svg) => [...svg.matchAll(/data-from="(\w+)" data-to="(\w+)" data-verdict="(\w+)"/g)].map((m) => m.slice(1).join(' ')).sort();
    assert.deepEqual(verdicts(r.svg), verdicts(cli.stdout), 'the editor and the CLI draw the same verdicts');
    // The matrix: every pair of placed sites, origin measured/path/estimate, limits where judged.
    assert.equal(r.matrix.length, 3);
    const m = Object.fromEntries(r.matrix.map((x) => [`${x.from}-${x.to}`, x]));
    assert.equal(m['fra1-nyc1'].origin, 'measured');
    assert.equal(m['syd1-nyc1'].origin, 'path');
    assert.deepEqual(m['syd1-nyc1'].path, ['syd1', 'fra1', 'nyc1']);
    assert.equal(m['syd1-fra1'].verdict, 'error');
    assert.equal(m['syd1-fra1'].limit.unit, 'ms');
  });

  test('dciLint/map follows edits; a non-design or unknown document answers null', async () => {
    const text = example.text.replace('lat: 40.7614, lon: -74.0048', 'lat: 50.1109, lon: 8.6821');
    c.change(example.uri, 2, text);
    await c.diagnosticsFor(example.uri, 2);
    const r = await c.request('dciLint/map', { uri: example.uri });
    const p = r.pairs.find((x) => x.from === 'fra1' && x.to === 'nyc1');
    assert.ok(p.distanceKm < 10, `moved next to fra1: ${p.distanceKm} km`);
    assert.equal(await c.request('dciLint/map', { uri: uriOf('package.json') }), null);
    assert.equal(await c.request('dciLint/map', {}), null);
  });

  test('dciLint/lintFiles: closed files get the diagnostics an open one would; other files none', async () => {
    const metro = uriOf('examples/metro-vsan.dci.yaml');
    const r = await c.request('dciLint/lintFiles', { uris: [metro, uriOf('package.json'), uriOf('examples/terraform/hcx-frankfurt-sydney/hcx.tf'), uriOf('no/such.dci.yaml')] });
    const byUri = Object.fromEntries(r.map((x) => [x.uri, x]));
    assert.ok(byUri[metro], 'the topology file is linted');
    assert.equal(byUri[metro].kind, 'topology');
    assert.equal(byUri[uriOf('package.json')], undefined);
    assert.equal(byUri[uriOf('no/such.dci.yaml')], undefined);
    const tf = byUri[uriOf('examples/terraform/hcx-frankfurt-sydney/hcx.tf')];
    assert.equal(tf?.kind, 'terraform');
    assert.ok(tf.diagnostics.some((d) => d.code === 'vmotion-rtt'), tf.diagnostics.map((d) => d.code).join(', '));
    // The same as opening it.
    const opened = c.openFile('examples/metro-vsan.dci.yaml');
    const live = (await c.diagnosticsFor(opened.uri)).diagnostics;
    assert.deepEqual(
      byUri[metro].diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`),
      live.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`),
    );
  });

  test('the Output channel: server version at start, each analysis with its counts and config', async () => {
    const logs = c.notifications.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message);
    assert.ok(logs.some((l) => /^DCI Lint language server \d+\.\d+\.\d+ \(Node v\d+/.test(l)), logs.join('\n'));
    assert.ok(
      logs.some((l) => l.startsWith(`linted ${example.uri} (topology, version 1): 3 sites, 2 errors, 2 warnings, 3 info in `) && /config: /.test(l)),
      logs.join('\n'),
    );
  });
});

describe('Terraform hovers on every element that carries an assumption', () => {
  let c;
  let doc;
  before(async () => {
    c = new LspClient();
    await c.initialize();
    doc = c.openFile('examples/terraform/hcx-frankfurt-sydney/hcx.tf', 'terraform');
    await c.diagnosticsFor(doc.uri, undefined, 30_000);
  });
  after(() => c.kill());
  const hoverAt = async (needle, n = 0) => {
    const i = doc.text.split(needle, n + 1).join(needle).length;
    assert.ok(i < doc.text.length, `${needle} #${n} in the file`);
    const before = doc.text.slice(0, i + 1);
    const position = { line: before.split('\n').length - 1, character: i + 1 - (before.lastIndexOf('\n') + 1) };
    return (await c.request('textDocument/hover', { textDocument: { uri: doc.uri }, position }))?.contents.value ?? '';
  };

  test('a mesh VMOTION service: the migration and its limit, verdict first (not the Frankfurt site)', async () => {
    const v = await hoverAt('name = "VMOTION"', 1);
    const lines = v.split('\n');
    assert.match(lines[0], /^✗ \*\*error\*\* `vmotion-rtt`: hcx_location\.fra1 ↔ vmc_sddc\.syd \d+ ms RTT \(≥ 161 ms\), limit 150 ms$/);
    assert.ok(lines.some((l) => /^✗ \*\*migration `hcx_service_mesh\.fra1_syd VMOTION`\*\* \(hcx-vmotion\): 1 of 1 hop over the 150 ms limit/.test(l)), v);
    assert.ok(!/\*\*site `hcx_location\.fra1`\*\*/.test(v), 'the site is not the subject');
  });

  test('hcx_service_mesh and hcx_site_pairing headers: the elements they carry or enable, in one table', async () => {
    for (const header of ['resource "hcx_service_mesh"', 'resource "hcx_site_pairing"']) {
      const v = await hoverAt(header);
      assert.match(v, /^✗ \*\*`hcx_(service_mesh|site_pairing)\.fra1_syd`\*\*: 3 assumptions, 3 of 3 pairs over their limits/, v);
      assert.match(v, /\| migration hcx_service_mesh\.fra1_syd VMOTION \(hcx-vmotion\) \| hcx_location\.fra1 → vmc_sddc\.syd \| 161 ms \|/);
      assert.match(v, /\| segment hcx_l2_extension\.app_vlan120 \(dvpg-app-120\) \|/);
    }
  });

  test('an L2 extension and a location: the segment, the site', async () => {
    assert.match(await hoverAt('resource "hcx_l2_extension"'), /^[✗⚠] \*\*segment `hcx_l2_extension\.app_vlan120 \(dvpg-app-120\)`\*\*/);
    assert.match(await hoverAt('resource "hcx_location"'), /^\*\*site `hcx_location\.fra1`\*\* — Frankfurt: ✗ 1 error/);
  });
});

describe('key completion from the schema', () => {
  let c;
  let n = 0;
  before(async () => {
    c = new LspClient();
    await c.initialize();
  });
  after(() => c.kill());
  /** Completion labels (and the first item) at `|` in `src`. */
  const complete = async (src) => {
    const i = src.indexOf('|');
    const text = src.replace('|', '');
    const uri = `file:///tmp/dci-keys-${n++}.dci.yaml`;
    c.open(uri, text);
    const before = text.slice(0, i);
    const position = { line: before.split('\n').length - 1, character: i - (before.lastIndexOf('\n') + 1) };
    const r = await c.request('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(r) ? r : (r?.items ?? []);
  };

  test('every level offers the keys it may hold, minus those present, with the schema description (units included)', async () => {
    const labels = async (src) => (await complete(src)).map((x) => x.label);
    assert.deepEqual(await labels('dci: 1\n|\n'), ['name', 'assumptions', 'sites', 'links', 'segments', 'clusters', 'migrations', 'replication', 'users', 'services']);
    assert.deepEqual(await labels('dci: 1\nsites:\n  fra1:\n    name: x\n    lo|\n'), ['location', 'region']);
    assert.deepEqual(await labels('dci: 1\nsites:\n  a: {}\nlinks:\n  - between: [a, b]\n    |\n'), ['name', 'medium', 'route_km', 'rtt_ms', 'bandwidth_mbps']);
    assert.deepEqual(await labels('dci: 1\nlinks:\n  - |\n'), ['name', 'between', 'medium', 'route_km', 'rtt_ms', 'bandwidth_mbps']);
    assert.deepEqual(await labels('dci: 1\nsegments:\n  - name: x\n    gateway:\n      |\n'), ['protocol', 'active_site', 'hello_ms', 'hold_ms']);
    const rtt = (await complete('dci: 1\nlinks:\n  - between: [a, b]\n    r|\n')).find((x) => x.label === 'rtt_ms');
    assert.equal(rtt.documentation, 'Measured round-trip time in ms; wins over every estimate.');
    assert.equal(rtt.textEdit.newText, 'rtt_ms: ');
    // A site list item still completes site ids, a value position nothing of the schema.
    assert.deepEqual(await labels('dci: 1\nsites:\n  a: {}\nsegments:\n  - sites:\n      - |\n'), ['a']);
    assert.deepEqual(await labels('dci: 1\nname: |\n'), []);
  });

  test('every key of the topology schema has a description', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(`${ROOT}/schemas/topology.schema.json`, 'utf8'));
    const missing = [];
    const walk = (node, where) => {
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node.properties ?? {})) {
        const target = v.$ref ? schema.$defs[v.$ref.split('/').pop()] : undefined;
        if (!v.description && !target?.description) missing.push(`${where}.${k}`);
        walk(v, `${where}.${k}`);
      }
      if (node.items) walk(node.items, `${where}[]`);
    };
    walk(schema, '');
    for (const [name, def] of Object.entries(schema.$defs)) walk(def, `#${name}`);
    assert.deepEqual(missing, []);
  });
});
