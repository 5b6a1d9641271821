// Placement by name in the core: the pin quick fix in every YAML form a site can take, the quick fixes
// of unknown-place, and the properties the brief asks for: explicit placements always win over names,
// and an inferred placement never yields an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const core = createRequire(import.meta.url)('../../dist/core.js');
const lint = (text, config) => core.lintTopology('t.dci.yaml', text, config ? { config } : {});
const apply = (text, edit) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end);

test('the pin fix of inferred-location writes a location that places the site where it was inferred', () => {
  const forms = [
    'dci: 1\nsites:\n  lis1: {}\n',
    'dci: 1\nsites:\n  lis1:\n',
    'dci: 1\nsites:\n  lis1: ~\n',
    'dci: 1\nsites:\n  lis1:\n    name: primary\n',
    'dci: 1\nsites:\n  lis1: { name: primary }\n',
    'dci: 1\nsites:\n  other:\n    location: [1, 2]\n  lis1:\n    name: primary\nlinks: []\n',
  ];
  for (const text of forms) {
    const f = lint(text).findings.find((x) => x.ruleId === 'inferred-location');
    assert.ok(f, text);
    assert.deepEqual(f.fixes.map((x) => x.title), ['Pin the location: "Lisbon, PT"', 'Pin the coordinates: [38.7167, -9.1333]']);
    for (const fix of f.fixes) {
      const fixed = apply(text, fix.edits[0]);
      const r = lint(fixed);
      assert.deepEqual(r.findings.filter((x) => x.severity !== 'info' || x.ruleId === 'inferred-location').map((x) => x.message), [], fixed);
      const site = r.designs[0].sites.get('lis1');
      assert.equal(site.placement.latDeg, 38.7167, fixed);
      assert.equal(site.placement.inferred, undefined, fixed);
    }
  }
});

test('each quick fix of unknown-place resolves the place it names', () => {
  const text = 'dci: 1\nsites:\n  a: { location: "Frnkfurt" }\n  b:\n    location: Hyderabad\n';
  const fs = lint(text).findings.filter((x) => x.ruleId === 'unknown-place');
  assert.equal(fs.length, 2);
  for (const f of fs)
    for (const fix of f.fixes) {
      const fixed = apply(text, fix.edits[0]);
      const r = lint(fixed);
      assert.equal(r.findings.filter((x) => x.loc.start === f.loc.start && x.ruleId === 'unknown-place').length, 0, fixed);
    }
});

test('a place string is the origin of the placement: city, country and coordinates (hover, JSON)', () => {
  const { designs } = lint('dci: 1\nsites:\n  fra1: { location: "FRA" }\n');
  const p = designs[0].sites.get('fra1').placement;
  assert.deepEqual(p.place, { text: 'FRA', name: 'Frankfurt am Main', countryCode: 'DE', countryName: 'Germany', via: 'iata' });
  assert.equal(p.origin, 'Frankfurt am Main, Germany (IATA FRA, OpenFlights + GeoNames)');
  assert.deepEqual([p.latDeg, p.lonDeg], [50.1155, 8.6842]);
});

// Sites named after cities the gazetteer infers, and explicit placements far from them.
const NAMED = ['lis1', 'fra1', 'syd-dc2', 'hkg2', 'sin1', 'ams3', 'nsx-milan', 'dc-paris-01', 'tokyo-a', 'sea1'];
const EXPLICIT = [
  ['location: [-33.8678, 151.2073]', -33.8678, 151.2073],
  ['location: { lat: 64.1466, lon: -21.9426 }', 64.1466, -21.9426],
  ['region: aws:sa-east-1', null, null],
  ['location: "Reykjavik, IS"', 64.1355, -21.8954],
];

test('property: explicit coordinates, regions and place strings always win over the id and name', () => {
  fc.assert(
    fc.property(fc.constantFrom(...NAMED), fc.constantFrom(...NAMED), fc.constantFrom(...EXPLICIT), (id, name, [form, lat, lon]) => {
      const { designs, findings } = lint(`dci: 1\nsites:\n  ${id}:\n    name: ${name}\n    ${form}\n`);
      const p = designs[0].sites.get(id).placement;
      assert.ok(p && !p.inferred, form);
      if (lat !== null) assert.deepEqual([p.latDeg, p.lonDeg], [lat, lon]);
      else assert.equal(p.cloud, true);
      assert.equal(findings.filter((f) => f.ruleId === 'inferred-location').length, 0);
    }),
    { numRuns: 200, seed: 20261129 },
  );
});

const PRODUCTS = [
  'method: vmotion, platform: { product: vsphere, version: "5.1" }',
  'method: vmotion, platform: { product: vsphere, version: "8.0" }',
  'method: hcx-vmotion',
];

// (A witness that is a data site is an error wherever the sites are: vsan-witness-site, not placement.)
test('property: a design whose sites are all inferred never yields an error', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.constantFrom(...NAMED), { minLength: 2, maxLength: 5 }),
      fc.constantFrom(...PRODUCTS),
      fc.constantFrom('synchronous', 'asynchronous'),
      fc.option(fc.double({ min: 0.1, max: 50, noNaN: true }), { nil: undefined }),
      (ids, migration, mode, rtt) => {
        const [a, b] = ids;
        const text =
          `dci: 1\nsites:\n${ids.map((id) => `  ${id}: {}\n`).join('')}` +
          `links:\n  - { between: [${a}, ${b}]${rtt ? `, route_km: ${rtt}` : ''} }\n` +
          `segments:\n  - { name: s, sites: [${ids.join(', ')}], gateway: { protocol: hsrp, active_site: ${a}, hold_ms: 10 } }\n` +
          `clusters:\n  - { name: c, kind: vsan-stretched, sites: [${a}, ${b}]${ids[2] ? `, witness: ${ids[2]}` : ''} }\n` +
          `migrations:\n  - { name: m, ${migration}, path: [${ids.join(', ')}] }\n` +
          `replication:\n  - { name: r, mode: ${mode}, product: vplex-metro, sites: [${a}, ${b}] }\n`;
        const { findings } = lint(text);
        const errors = findings.filter((f) => f.severity === 'error');
        assert.deepEqual(errors.map((f) => `${f.ruleId}: ${f.message}`), [], text);
        assert.ok(findings.some((f) => f.ruleId === 'inferred-location'));
      },
    ),
    { numRuns: 150, seed: 20261129 },
  );
});

test('the cap is for findings that depend on where a site is: an unknown site id stays an error when its suggestion was inferred', () => {
  const text = 'dci: 1\nsites:\n  lis1: {}\n  fra1: { location: "Frankfurt am Main, DE" }\nclusters:\n  - { name: c, kind: vsan-stretched, sites: [fra1, lis1], witness: lon1 }\n';
  const f = lint(text).findings.find((x) => x.ruleId === 'unknown-site');
  assert.equal(f.severity, 'error');
  assert.match(f.message, /Did you mean `lis1`\?/);
  assert.doesNotMatch(f.message, /At most a warning/);
  // ...while the vSAN distance, which depends on where lis1 is, is capped.
  assert.equal(lint(text).findings.find((x) => x.ruleId === 'vsan-stretched-rtt').severity, 'warning');
});

test('the same design with stated places does give errors (the cap is what makes the difference)', () => {
  const text = 'dci: 1\nsites:\n  lis1: { location: "Lisbon, PT" }\n  syd1: { location: "Sydney, AU" }\nmigrations:\n  - { name: m, method: vmotion, path: [lis1, syd1] }\n';
  assert.ok(lint(text).findings.some((f) => f.severity === 'error' && f.ruleId === 'vmotion-rtt'));
});

test('placement config: places pins ids, names and place strings; infer_from_names: false; a copy, not the cached parse', () => {
  const { config, findings } = core.parseConfig('placement: { infer_from_names: false }\nplaces:\n  Campus North: [50.1213, 8.6627]\n  nsx-milan: "Milan, IT"\n', '.dci-lint.yaml');
  assert.deepEqual(findings, []);
  const text = 'dci: 1\nsites:\n  a: { location: "campus north" }\n  nsx-milan: {}\n  lis1: {}\n';
  const cache = new core.TopologyCache();
  const pinned = core.lintTopology('t.dci.yaml', text, { config, cache });
  const sites = pinned.designs[0].sites;
  assert.deepEqual([sites.get('a').placement.latDeg, sites.get('a').placement.place.via], [50.1213, 'places']);
  assert.equal(sites.get('nsx-milan').placement.place.name, 'Milan');
  assert.equal(sites.get('nsx-milan').placement.inferred, undefined);
  assert.equal(sites.get('lis1').placement, undefined);
  assert.deepEqual(pinned.findings.map((f) => f.ruleId), ['unresolved-location']);
  // The same cache without the configuration: the default placement (lis1 inferred, "campus north" unknown).
  const plain = core.lintTopology('t.dci.yaml', text, { cache });
  assert.deepEqual(plain.findings.map((f) => `${f.ruleId}:${f.severity}`), ['unknown-place:error', 'inferred-location:info', 'inferred-location:info']);
});

test('sound metro designs named by city stay clean: metro-vsan written with place strings, and with ids only', () => {
  const original = readFileSync(new URL('../../examples/metro-vsan.dci.yaml', import.meta.url), 'utf8');
  const clean = (text) => lint(text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(clean(original).map((f) => f.message), []);
  // Place strings: Amsterdam twice (one city centre for both halves), Rotterdam, the witness by IATA code.
  const named = original
    .replace('location: { lat: 52.3547, lon: 4.9570 }', 'location: "Amsterdam, NL"')
    .replace('location: { lat: 52.2905, lon: 4.7553 }', 'location: "Amsterdam"')
    .replace('location: { lat: 51.9225, lon: 4.4792 }', 'location: "Rotterdam, Netherlands"')
    .replace('location: { lat: 50.0994, lon: 8.6270 }', 'location: "FRA"');
  assert.ok(!/lat:/.test(named.split('links:')[0]));
  assert.deepEqual(clean(named).map((f) => f.message), []);
  // Ids and names only: placed from ams / Rotterdam / fra, still clean, one info per site.
  const inferred = named.replace(/\n {4}location: .*/g, '');
  const r = lint(inferred);
  assert.deepEqual(clean(inferred).map((f) => f.message), []);
  assert.equal(r.findings.filter((f) => f.ruleId === 'inferred-location').length, 4);
});

test('thousands of distinct unknown place strings: linear, suggestions only for the first 200, one finding each', () => {
  let text = 'dci: 1\nsites:\n';
  for (let i = 0; i < 3000; i++) text += `  s${i}: { location: "Frnkfurt${i}" }\n`;
  const t = performance.now();
  const { findings } = lint(text);
  const ms = performance.now() - t;
  assert.equal(findings.length, 3000);
  assert.ok(findings.every((f) => f.ruleId === 'unknown-place' && f.severity === 'error'));
  assert.equal(findings.filter((f) => f.data.suggestions.length > 0).length, 200);
  assert.ok(ms < 30_000, `${ms} ms`);
});

test('a "lat, lon" string is coordinates, judged like any (as `dci-lint rtt` takes them)', () => {
  const { designs, findings } = lint('dci: 1\nsites:\n  a: { location: "50.11, 8.68" }\n  b: { location: "-33.87,151.21" }\n  c: { location: "95, 8" }\n');
  const s = designs[0].sites;
  assert.deepEqual([s.get('a').placement.latDeg, s.get('a').placement.lonDeg, s.get('a').placement.origin], [50.11, 8.68, 'coordinates']);
  assert.deepEqual([s.get('b').placement.latDeg, s.get('b').placement.lonDeg], [-33.87, 151.21]);
  assert.deepEqual(findings.map((f) => f.ruleId), ['invalid-location']);
});
