// The map renderer (core/map/svg.ts): snapshots of fixed MapData (test/fixtures/map/*.json -> *.svg),
// so changes in the RTT model or the rules do not move them; and `dci-lint map` end to end on the
// examples, checked for what the map must show (every site labelled, each judged pair in its verdict's
// colour, the findings' pairs among them). UPDATE_SNAPSHOTS=1 rewrites the .svg files (review the diff).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repo = new URL('../../', import.meta.url).pathname;
const core = require(join(repo, 'dist/core.js'));
const dir = join(repo, 'test/fixtures/map');
const cli = join(repo, 'dist/cli.js');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  test(`renderer snapshot: ${name}`, () => {
    const data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const svg = core.renderMapSvg(data);
    const snap = join(dir, name.replace(/\.json$/, '.svg'));
    if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(snap)) writeFileSync(snap, svg);
    assert.equal(svg, readFileSync(snap, 'utf8'), `${snap} differs: run with UPDATE_SNAPSHOTS=1 and review the diff`);
    // Deterministic: the same data renders to the same bytes.
    assert.equal(core.renderMapSvg(data), svg);
  });
}

/** The pairs and sites of an SVG, as the map view reads them. */
function parts(svg) {
  const pairs = [...svg.matchAll(/<g class="pair (\w+)" data-pair="(\d+)" data-from="([^"]*)" data-to="([^"]*)" data-verdict="(\w+)"><title>([^<]*)<\/title><path d="[^"]+" stroke="([^"]+)"/g)].map(
    (m) => ({ cls: m[1], index: Number(m[2]), from: m[3], to: m[4], verdict: m[5], title: m[6], stroke: m[7] }),
  );
  const sites = [...svg.matchAll(/<g class="site \w+" data-site="([^"]*)">[\s\S]*?<text [^>]*>([^<]*)<\/text><\/g>/g)].map((m) => ({ id: m[1], label: m[2] }));
  return { pairs, sites };
}

test('renderer: XML is escaped, verdict colours, limits in tooltips, unplaced sites listed', () => {
  const data = JSON.parse(readFileSync(join(dir, 'edge.json'), 'utf8'));
  const svg = core.renderMapSvg(data);
  assert.ok(!/<[^a-z/!?]/.test(svg.replace(/<\/?[a-z]/g, '')), 'no stray "<"');
  assert.match(svg, /Pacific &lt;edge&gt; &amp; &quot;quotes&quot;/);
  assert.match(svg, /Tokyo &lt;A&amp;B&gt;/);
  assert.match(svg, /Not placed, not drawn: lon1, x&amp;y\./);
  const { pairs, sites } = parts(svg);
  assert.deepEqual(
    sites.map((s) => s.label),
    ['tyo1', 'sfo1', 'sfo2'],
  );
  const err = pairs.find((p) => p.from === 'tyo1');
  assert.equal(err.stroke, core.VERDICT_COLOURS.error);
  assert.match(err.title, /^✗ tyo1 ↔ sfo1: error\ndistance 8,280 km \(great circle\)\nlower bound 81.1 ms \(light in fiber\)\nRTT ≈ 111 ms estimate\nlimit 10 ms \(synchronous replication\), vendor figure \(test\)/);
  const ok = pairs.find((p) => p.from === 'sfo1');
  assert.equal(ok.stroke, core.VERDICT_COLOURS.clean);
  assert.match(ok.title, /RTT 1.6 ms measured\nlimit 100 km \(metro\)/);
  // judged only (no link): dashed; the link: solid
  const group = (i) => /data-pair="\d+"[\s\S]*?<\/g>/g[Symbol.match](svg).find((g) => g.startsWith(`data-pair="${i}"`));
  assert.match(group(1), /stroke-dasharray/);
  assert.doesNotMatch(group(0), /stroke-dasharray/);
  // a design with no placed site still renders (the whole world)
  const empty = core.renderMapSvg({ file: 'x.dci.yaml', sites: [], pairs: [], unplaced: ['a'] });
  assert.match(empty, /^<svg [^>]*viewBox="0 0 1200 640"/);
  assert.match(empty, /<path class="land" d="M/);
});

test('dci-lint map examples/follow-the-sun.dci.yaml -o map.svg: every site labelled, each finding pair in its colour', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'dci-map-')), 'map.svg');
  const r = spawnSync(process.execPath, [cli, 'map', 'examples/follow-the-sun.dci.yaml', '-o', out], { cwd: repo, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /follow-the-sun-web, 3 sites, 3 pairs/);
  const svg = readFileSync(out, 'utf8');
  const { pairs, sites } = parts(svg);
  assert.deepEqual(sites.map((s) => s.label).sort(), ['fra1', 'nyc1', 'syd1']);
  assert.equal(pairs.length, 3);
  for (const p of pairs) assert.equal(p.stroke, core.VERDICT_COLOURS[p.verdict], `${p.from}-${p.to}`);
  // The verdicts are the findings' (the CLI's own JSON): the worst error/warning naming both sites.
  const findings = JSON.parse(spawnSync(process.execPath, [cli, 'examples/follow-the-sun.dci.yaml', '--format', 'json'], { cwd: repo, encoding: 'utf8' }).stdout)[0].findings;
  for (const p of pairs) {
    const on = findings.filter((f) => Array.isArray(f.data.sites) && f.data.sites.includes(p.from) && f.data.sites.includes(p.to) && f.data.sites.length === 2);
    const expected = on.some((f) => f.severity === 'error') ? 'error' : on.some((f) => f.severity === 'warning') ? 'warning' : 'clean';
    assert.equal(p.verdict, expected, `${p.from}-${p.to}`);
  }
  assert.deepEqual(pairs.map((p) => `${p.from}-${p.to}:${p.verdict}`).sort(), ['fra1-nyc1:error', 'syd1-fra1:error', 'syd1-nyc1:warning']);
  // vMotion hops carry the vendor limit in their tooltip
  assert.match(pairs.find((p) => p.from === 'fra1').title, /limit 10 ms \(Metro vMotion on vSphere 5.1\)/);
});

test('dci-lint map: a folder writes one SVG per design; errors are usage errors', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'dci-map-')), 'm.svg');
  const r = spawnSync(process.execPath, [cli, 'map', 'examples/', '-o', out], { cwd: repo, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const written = r.stderr.trim().split('\n');
  assert.ok(written.length >= 4, r.stderr);
  assert.ok(existsSync(out) && existsSync(out.replace(/\.svg$/, '-2.svg')));
  const bad = spawnSync(process.execPath, [cli, 'map', 'no/such.dci.yaml'], { cwd: repo, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /No such file or folder/);
  const size = spawnSync(process.execPath, [cli, 'map', 'examples/metro-vsan.dci.yaml', '--width', '12'], { cwd: repo, encoding: 'utf8' });
  assert.equal(size.status, 2);
  assert.match(size.stderr, /--width takes a whole number/);
  const stdout = spawnSync(process.execPath, [cli, 'map', 'examples/metro-vsan.dci.yaml'], { cwd: repo, encoding: 'utf8' });
  assert.equal(stdout.status, 0);
  assert.match(stdout.stdout, /^<svg /);
});
